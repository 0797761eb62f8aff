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

/**
 * Words written sentence by sentence, each in every language (so a translation cannot go missing,
 * and one sentence's versions are read side by side): the shape of T with each text replaced by its
 * languages.
 */
export type Translated<T> = {
  [K in keyof T]: T[K] extends string | ((...args: never[]) => string)
    ? Record<DocumentLanguage, T[K]>
    : Translated<T[K]>;
};

const inEveryLanguage = (node: object): node is Record<DocumentLanguage, unknown> =>
  documentLanguages.every((language) => language in node);

function inLanguage(node: object, language: DocumentLanguage): unknown {
  return Object.fromEntries(
    Object.entries(node).map(([key, value]: [string, object]) => [
      key,
      inEveryLanguage(value) ? value[language] : inLanguage(value, language),
    ]),
  );
}

/** The table turned the way its readers use it: all the words of one language, by language. */
export function perLanguage<T>(table: Translated<T>): Record<DocumentLanguage, T> {
  const languages = documentLanguages.map((language) => [language, inLanguage(table, language)]);
  return Object.fromEntries(languages) as Record<DocumentLanguage, T>;
}
