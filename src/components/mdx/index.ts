import Callout from './Callout.astro';

/** The components every MDX body may use without importing them: pass to <Content components={mdxComponents} />. */
export const mdxComponents = { Callout };
