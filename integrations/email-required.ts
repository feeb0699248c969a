import type { AstroIntegration } from 'astro';

// A production deploy that cannot send email would tell applicants "we have emailed you" while
// nothing goes. So its build stops, in one sentence naming the variable. Deploy previews and branch
// deploys may build without it: their forms say this copy sends no email (see sendsEmail).

type Env = Record<string, string | undefined>;

/** The one sentence a production build without an email key stops with; undefined when it may go on. */
export function missingEmailSetting(env: Env = process.env): string | undefined {
  if (env.CONTEXT !== 'production' || env.RESEND_API_KEY) return undefined;
  return 'RESEND_API_KEY is not set: a production deploy must send email, so set RESEND_API_KEY in Netlify (Site configuration → Environment variables) and deploy again.';
}

export default function emailRequired(env: Env = process.env): AstroIntegration {
  return {
    name: 'email-required',
    hooks: {
      'astro:build:start': () => {
        const problem = missingEmailSetting(env);
        // A plain Error with no stack noise: Astro prints its message as the build's failure.
        if (problem) throw new Error(problem);
      },
    },
  };
}
