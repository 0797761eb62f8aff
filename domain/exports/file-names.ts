import { profileFileName } from '../learning/use-cases.ts';

/** What a PDF in an export zip is named after. */
export interface ExportedPdf {
  personName: string;
  completedAt: string;
  language: string;
}

/**
 * Most UTF-8 bytes of a person's name kept in a file name: with the rest (under 60 bytes) a name
 * stays below 255 bytes, the limit of every common file system; bytes, not characters, because
 * an emoji or a CJK character takes 3–4.
 */
const maxNameBytes = 150;

/**
 * Readable file names (`Profile - Anna Müller - 2026-03-01 (de).pdf`) that are unique within one
 * zip. Two learners of the same name, date and language get `… (de) 2.pdf`, `… (de) 3.pdf`: the
 * index says which is whose. Names are compared as the file systems people unzip onto do, ignoring
 * case and Unicode normalisation (Windows and macOS would otherwise let `ANNA` overwrite `Anna`, or
 * an NFD `é` overwrite an NFC one).
 *
 * Names depend on the order they are claimed in: the packager claims them in the job's stable
 * result order, so a packaging run repeated after a crash names every file the same again.
 * Memory grows by one short key per file (and one per distinct stem), which is what uniqueness
 * over a streamed list costs.
 */
export function zipFileNames() {
  const taken = new Set<string>();
  // Per stem, the number its last file got: a search for a free name starts after it, so a stem
  // shared by thousands of files (a test account exported with its whole team, one name per
  // date) costs one probe per file, not one per earlier file. Numbers below it are all taken
  // (each claim takes the smallest free one and nothing is ever released), so the names are
  // exactly those a search from 1 would give.
  const lastNumber = new Map<string, number>();
  const key = (name: string) => name.normalize('NFC').toLocaleLowerCase('und');
  return {
    claim(pdf: ExportedPdf): string {
      const base = profileFileName(shortened(pdf.personName.normalize('NFC')), pdf.completedAt, pdf.language);
      const stem = base.replace(/\.pdf$/, '');
      const stemKey = key(stem);
      for (let n = (lastNumber.get(stemKey) ?? 0) + 1; ; n++) {
        const name = n === 1 ? base : `${stem} ${n}.pdf`;
        const nameKey = key(name);
        if (!taken.has(nameKey)) {
          taken.add(nameKey);
          lastNumber.set(stemKey, n);
          return name;
        }
      }
    },
  };
}

/** Cuts whole code points (never half a surrogate pair) until the name fits `maxNameBytes`. */
function shortened(name: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).byteLength <= maxNameBytes) return name;
  let kept = '';
  let bytes = 0;
  for (const point of name) {
    bytes += encoder.encode(point).byteLength;
    if (bytes > maxNameBytes) break;
    kept += point;
  }
  return kept.trimEnd();
}
