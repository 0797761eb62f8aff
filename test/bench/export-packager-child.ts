import { zipFileNames } from '../../domain/exports/file-names.ts';
import { zipIndex, zipIndexRow } from '../../domain/exports/zip-index.ts';
import { packageZip } from '../../functions/adapters/s3/zip-packager.ts';

/**
 * The measured process of test/bench/export-packager.ts, bundled like a Lambda handler and run by
 * plain Node: packages the first N cached PDFs (`bench/export-packager/<i>.pdf` in the profiles
 * bucket) with readable unique names and an index, as an export does, and prints one JSON line:
 * its peak resident set size, and the heap still live after a full collection (when run with
 * `--expose-gc`), which tells retained memory from garbage not yet collected.
 */
const count = Number(process.argv[2]);
const prefix = 'bench/export-packager';
const completedAt = '2026-03-01T10:00:00Z';
const languages = ['en', 'fr', 'de', 'es', 'nl', 'pl'];
const names = [
  'Łukasz Żółć',
  'Zoë Ñúñez',
  'François Lefèvre',
  'Jürgen Größ',
  'Anna Müller',
  'Eline de Vries',
];

const fileNames = zipFileNames();
// A generator, as the packaging worker pages the job's rows: the entry list is never held whole.
function* entries() {
  for (let i = 0; i < count; i += 1) {
    const personName = names[i % names.length]!;
    const language = languages[i % languages.length]!;
    const name = fileNames.claim({ personName, completedAt, language });
    yield {
      name,
      bucket: 'profiles' as const,
      key: `${prefix}/${i}.pdf`,
      indexRow: zipIndexRow({
        learnerName: personName,
        email: `learner${i}@bench.example`,
        language,
        completedAt,
        fileName: name,
      }),
    };
  }
}

const started = performance.now();
const zip = await packageZip({
  entries: entries(),
  destination: { bucket: 'exports', key: `${prefix}/${count}.zip` },
  index: zipIndex,
});
const seconds = (performance.now() - started) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write(
  JSON.stringify({
    entries: zip.entries,
    zipBytes: zip.bytes,
    seconds,
    maxRssMb,
    liveHeapMb: process.memoryUsage().heapUsed / 1024 ** 2,
  }) + '\n',
);
