// decap-cms-locales ships no types; the CMS entry only spreads its English phrases.
declare module 'decap-cms-locales' {
  export const en: Record<string, any>;
}
