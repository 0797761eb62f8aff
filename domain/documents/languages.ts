/**
 * The languages documents and emails are written in. A BCP-47 tag resolves to its base language
 * (`fr-CA` → `fr`); anything else falls back to English, so a learner never gets no document.
 */
export const documentLanguages = ['en', 'fr', 'de', 'es', 'nl', 'pl'] as const;
export type DocumentLanguage = (typeof documentLanguages)[number];

export function resolveLanguage(tag: string | undefined): DocumentLanguage {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (documentLanguages as readonly string[]).includes(base ?? '') ? (base as DocumentLanguage) : 'en';
}

export const isDocumentLanguage = (tag: string): boolean =>
  (documentLanguages as readonly string[]).includes(tag.toLowerCase().split('-')[0] ?? '');
