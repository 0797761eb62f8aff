import * as z from 'zod';
import { documentLanguages } from '../../../domain/documents/languages.ts';
import { timestamp } from './common.ts';

/**
 * Schemas of the two PDF download routes, and the pieces the learning schemas share with them. A
 * module of their own so that the downloads Lambda builds these few schemas at cold start and not
 * every learning and invitation schema (see ../routes/downloads.ts).
 */
/**
 * A BCP-47 tag whose language documents are written in (`fr`, `fr-CA`, `EN-gb`; tags are
 * case-insensitive): one of the document languages, then any subtags. One regular expression, built
 * from the languages, is both the check and the `pattern` the OpenAPI document publishes (without
 * flags, which JSON Schema patterns cannot carry, hence the letter classes), so a client accepts
 * exactly what the server does and every accepted tag resolves to its own language, never to the
 * English fallback.
 */
const anyCase = (letters: string) =>
  [...letters].map((letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`).join('');
export const languageTagPattern = new RegExp(
  `^(?:${documentLanguages.map(anyCase).join('|')})(?:-[A-Za-z0-9]{2,8})*$`,
);
export const languageTag = z
  .string()
  .max(64)
  .regex(
    languageTagPattern,
    `must be a language tag of ${documentLanguages.join(', ')}, such as fr or fr-CA`,
  );

export const downloadQuery = z.object({ language: languageTag.optional() });

export const learnerParams = z.object({ learnerId: z.string().min(1).max(64) });
export const learnerProfileParams = learnerParams.extend({ profileId: z.string().min(1).max(64) });
export const myProfileParams = z.object({ profileId: z.string().min(1).max(64) });

export const downloadAnswer = z.object({ url: z.string(), expiresAt: timestamp }).meta({ id: 'Download' });
