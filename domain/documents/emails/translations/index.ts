import type { DocumentLanguage } from '../../languages.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import type { EmailStrings } from './types.ts';

export const emailStrings: Record<DocumentLanguage, EmailStrings> = { en, fr, de, es, nl, pl };
