// Loads Decap CMS's prebuilt distribution (copied to /admin/decap/ by integrations/decap.ts) and
// returns its CMS object. The file is a UMD bundle that expects React and ReactDOM as globals:
// this module provides them from the project's own react and react-dom, which package.json pins to
// the exact version the bundle was built with (it refuses any other; test/unit/cms-dist.test.ts
// checks the pin against the file).
import * as React from 'react';
import * as ReactDOM from 'react-dom';

/** The part of Decap's API this site uses. */
export interface DecapCms {
  init(options: { config: unknown }): void;
  registerLocale(name: string, phrases: unknown): void;
  // biome-ignore lint/suspicious/noExplicitAny: Decap's phrase tree is deep and untyped; cms.ts spreads parts of it back.
  getLocale(name: string): Record<string, any>;
  registerCustomFormat(name: string, extension: string, format: unknown): void;
  registerWidget(name: string, control: unknown, preview?: unknown): void;
  // biome-ignore lint/suspicious/noExplicitAny: each widget takes its own props, which Decap does not type.
  getWidget(name: string): { control: React.ComponentType<any>; preview: React.ComponentType<any> } | undefined;
  resolveWidget(name: string): unknown;
  registerEditorComponent(component: unknown): void;
  registerPreviewStyle(href: string): void;
  registerPreviewTemplate(name: string, component: unknown): void;
  registerEventListener<Data>(listener: { name: string; handler: (data: Data) => unknown }): void;
}

declare global {
  interface Window {
    React?: typeof React;
    ReactDOM?: typeof ReactDOM;
    DecapCmsApp?: DecapCms & { default?: DecapCms };
  }
}

export function loadDecap(src: string): Promise<DecapCms> {
  window.React = React;
  window.ReactDOM = ReactDOM;
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => {
      const app = window.DecapCmsApp;
      const cms = app?.default ?? app;
      if (cms?.init) resolve(cms);
      else reject(new Error(`${src} loaded but did not define DecapCmsApp`));
    };
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

export { React };
