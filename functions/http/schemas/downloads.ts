import * as z from 'zod';
import { documentLanguages, isDocumentLanguage } from '../../../domain/documents/languages.ts';

/**
 * Schemas of the two PDF download routes, and the pieces the learning schemas share with them. A
 * module of their own so that the downloads Lambda builds these few schemas at cold start and not
 * every learning and invitation schema (see ../routes/downloads.ts).
 */
export const languageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP-47 language tag such as en or fr-CA')
  .refine(isDocumentLanguage, `must be one of ${documentLanguages.join(', ')} (or a regional variant)`);

export const downloadQuery = z.object({ language: languageTag.optional() });

export const learnerParams = z.object({ learnerId: z.string().min(1).max(64) });
export const learnerProfileParams = learnerParams.extend({ profileId: z.string().min(1).max(64) });
export const myProfileParams = z.object({ profileId: z.string().min(1).max(64) });

export const downloadAnswer = z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: 'Download' });
