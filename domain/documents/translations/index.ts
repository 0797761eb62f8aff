import { documentLanguages, resolveLanguage, type DocumentLanguage } from '../languages.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';

/**
 * The words of the profile PDF in one language. Kept as plain data, one file per language, so a
 * translator edits text without touching layout code. `{name}` placeholders are filled by
 * {@link fillTemplate}; numbers and dates are formatted with `Intl` by the renderer, never here.
 */
export interface ProfileTranslations {
  /** Small label above the product name on the cover and in the running header. */
  documentTitle: string;
  products: { introductory: string; expert: string; discovery: string; careerGuide: string };
  /** One line under the product name on the cover. */
  productTaglines: { introductory: string; expert: string; discovery: string };
  cover: {
    preparedFor: string;
    /** `{date}`: the completion date, already formatted for the language. */
    completedOn: string;
    addOn: string;
  };
  headings: { about: string; results: string; summary: string; nextSteps: string; careerGuide: string };
  /** Paragraphs of "About this profile". */
  about: string[];
  resultsIntro: string;
  noScores: string;
  /** Bullet points of "Next steps". */
  nextSteps: string[];
  /** Paragraphs shown when the career guide add-on is included. */
  careerGuide: string[];
  /** `{page}` and `{pages}`: localised numbers. */
  pageOf: string;
}

export type { DocumentLanguage };

/** The languages the profile PDF is translated into; every other tag falls back to English. */
export const supportedLanguages: readonly DocumentLanguage[] = documentLanguages;

const translations: Record<DocumentLanguage, ProfileTranslations> = { en, fr, de, es, nl, pl };

export interface ResolvedLanguage {
  /** The translation used: the tag's base language when supported (`fr-CA` → `fr`), else `en`. */
  language: DocumentLanguage;
  /** The locale for `Intl` formats: the caller's tag when it is valid and supported, so `en-GB` keeps day-month order. */
  locale: string;
  translations: ProfileTranslations;
}

/** Resolves any BCP-47 tag (valid or not) to a translation and an `Intl` locale; never throws. */
export function profileTranslationsFor(tag: string): ResolvedLanguage {
  const language = resolveLanguage(tag);
  let locale: string = language;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical?.toLowerCase().split('-')[0] === language) locale = canonical;
  } catch {
    // Not a well-formed tag: the base language alone is still a valid locale.
  }
  return { language, locale, translations: translations[language] };
}

/** Replaces `{key}` placeholders; an unknown key is left as written so a typo shows in review. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
