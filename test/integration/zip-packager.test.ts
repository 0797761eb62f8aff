import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zipFileNames } from '../../domain/exports/file-names.ts';
import { zipIndex, zipIndexRow } from '../../domain/exports/zip-index.ts';
import { profileRenderer } from '../../functions/adapters/documents/fonts.ts';
import { ZipArchive } from 'archiver';
import {
  compactCentralDirectory,
  packageZip,
  partSizeFor,
  type ZipEntrySource,
} from '../../functions/adapters/s3/zip-packager.ts';
import { maxRunBytes, runsOf } from '../../functions/adapters/s3/ranged-reads.ts';
import { s3 } from '../../functions/shared/clients/s3.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { pdfText } from '../support/pdf-text.ts';
import { unzip } from '../support/zip.ts';

const profilesBucket = () => process.env[envNames.bucketName('profiles')]!;
const exportsBucket = () => process.env[envNames.bucketName('exports')]!;

/**
 * Every S3 command the shared client sends, by name: how the test sees the multipart upload's steps.
 * `failing` makes the named command fail as S3 would with a 500, to see the packager's side of it
 * (s3rver itself cannot be made to fail an upload part).
 */
const sent: string[] = [];
const failing = new Set<string>();
s3.middlewareStack.add(
  (next, context) => (args) => {
    const name = (context.commandName as string).replace(/Command$/, '');
    sent.push(name);
    if (failing.has(name))
      return Promise.reject(
        Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' }),
      );
    return next(args);
  },
  { step: 'initialize', name: 'recordCommandsForTest' },
);
afterEach(() => {
  sent.length = 0;
  failing.clear();
});

async function download(bucket: string, key: string): Promise<Buffer> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

// Six languages, diacritics, two learners of one name, and names that need CSV quoting or would be
// a live formula in a spreadsheet.
const people = [
  { name: 'Łukasz Żółć', language: 'pl' },
  { name: 'Zoë Ñúñez', language: 'es' },
  { name: 'François Lefèvre', language: 'fr' },
  { name: 'Jürgen Größ', language: 'de' },
  { name: 'Anna Müller', language: 'de' },
  { name: 'Anna Müller', language: 'de' },
  { name: 'Eline "de" Vries, jr.', language: 'nl' },
  { name: '=HYPERLINK("http://evil.example")', language: 'en' },
];

let realPdf: Uint8Array;
beforeAll(async () => {
  realPdf = await profileRenderer().render({
    personName: 'Łukasz Żółć',
    product: 'discovery',
    completedAt: '2026-03-01T10:00:00Z',
    language: 'pl',
    scores: [{ key: 'red', label: 'Fiery Red', value: 72 }],
  });
});

/**
 * Puts `count` distinct PDFs in the profiles bucket: the rendered PDF with a unique comment after
 * it (readers ignore what follows %%EOF), padded with random bytes to `padBytes`.
 */
async function putPdfs(count: number, padBytes = 0) {
  const prefix = `zip-packager-test/${randomUUID()}`;
  const names = zipFileNames();
  const pdfs = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const person = people[i % people.length]!;
      const bytes = Buffer.concat([
        Buffer.from(realPdf),
        Buffer.from(`\n%entry ${i}\n`),
        randomBytes(padBytes),
      ]);
      const key = `${prefix}/${i}.pdf`;
      await s3.send(new PutObjectCommand({ Bucket: profilesBucket(), Key: key, Body: bytes }));
      const name = names.claim({
        personName: person.name,
        completedAt: '2026-03-01T10:00:00Z',
        language: person.language,
      });
      const entry: ZipEntrySource = {
        name,
        bucket: 'profiles',
        key,
        indexRow: zipIndexRow({
          learnerName: person.name,
          email: `learner${i}@example.com`,
          language: person.language,
          completedAt: '2026-03-01T10:00:00Z',
          fileName: name,
        }),
      };
      return { entry, bytes };
    }),
  );
  sent.length = 0; // only the packager's commands count
  return pdfs;
}

/** Puts these PDFs end to end into one object; answers its key and where each one is. */
async function putTogether(all: Buffer[]) {
  const key = `zip-packager-test/${randomUUID()}.pdfs`;
  let offset = 0;
  const ranges = all.map((bytes) => {
    offset += bytes.byteLength;
    return { offset: offset - bytes.byteLength, bytes: bytes.byteLength };
  });
  await s3.send(new PutObjectCommand({ Bucket: profilesBucket(), Key: key, Body: Buffer.concat(all) }));
  sent.length = 0;
  return { key, ranges };
}

/** Yields entries one by one, as a paged store read would, counting how far it has been pulled. */
async function* paged(entries: ZipEntrySource[], pulled: { count: number }) {
  for (const entry of entries) {
    await new Promise((resolve) => setImmediate(resolve));
    pulled.count += 1;
    yield entry;
  }
}

describe('the zip packager', () => {
  it('packages every PDF stored, byte for byte, with a CSV index of the learners', async () => {
    const pdfs = await putPdfs(30);
    const key = `test/${randomUUID()}.zip`;
    const pulled = { count: 0 };

    const result = await packageZip({
      entries: paged(
        pdfs.map((p) => p.entry),
        pulled,
      ),
      destination: { bucket: 'exports', key },
      index: zipIndex,
    });

    expect(result).toMatchObject({ bucket: 'exports', key, entries: 31 });
    const zip = await download(exportsBucket(), key);
    expect(result.bytes).toBe(zip.byteLength);
    const files = await unzip(zip);
    expect(files.map((f) => f.name)).toEqual([...pdfs.map((p) => p.entry.name), 'index.csv']);
    expect(new Set(files.map((f) => f.name)).size).toBe(31);
    for (const [i, pdf] of pdfs.entries()) {
      expect(files[i]!.compressionMethod).toBe(0);
      expect(files[i]!.bytes.equals(pdf.bytes)).toBe(true);
    }
    expect((await pdfText(files[0]!.bytes)).text).toContain('Łukasz Żółć');

    const index = files.at(-1)!;
    expect(index.compressionMethod).toBe(0);
    expect(index.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows: string[][] = parse(index.bytes, { bom: true });
    expect(rows[0]).toEqual(['learner', 'email', 'language', 'completed', 'file']);
    expect(rows.slice(1).map((row) => row[4])).toEqual(pdfs.map((p) => p.entry.name));
    expect(rows[7]).toEqual([
      'Eline "de" Vries, jr.',
      'learner6@example.com',
      'nl',
      '2026-03-01',
      pdfs[6]!.entry.name,
    ]);
    // A formula is escaped, so a spreadsheet shows the name instead of running it.
    expect(rows[8]![0]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(sent).not.toContain('CreateMultipartUpload');
  });

  it('streams a zip larger than one part through a multipart upload', async () => {
    const pdfs = await putPdfs(30, 400_000);
    const key = `test/${randomUUID()}.zip`;

    await packageZip({ entries: pdfs.map((p) => p.entry), destination: { bucket: 'exports', key } });

    expect(sent.filter((name) => name === 'UploadPart').length).toBeGreaterThanOrEqual(2);
    expect(sent).toContain('CompleteMultipartUpload');
    const files = await unzip(await download(exportsBucket(), key));
    expect(files).toHaveLength(30);
    for (const [i, pdf] of pdfs.entries()) expect(files[i]!.bytes.equals(pdf.bytes)).toBe(true);
  });

  it('aborts the multipart upload and rejects when a read fails mid-way, leaving no zip', async () => {
    const pdfs = await putPdfs(30, 400_000);
    const entries = pdfs.map((p) => p.entry);
    // Entry 25 names an object that does not exist: by then more than one part has been written.
    entries[25] = { ...entries[25]!, key: `${entries[25]!.key}.missing` };
    const key = `test/${randomUUID()}.zip`;

    await expect(packageZip({ entries, destination: { bucket: 'exports', key } })).rejects.toMatchObject({
      name: 'NoSuchKey',
    });

    expect(sent).toContain('CreateMultipartUpload');
    expect(sent).toContain('AbortMultipartUpload');
    expect(sent).not.toContain('CompleteMultipartUpload');
    expect(sent).not.toContain('PutObject');
    expect(await exists(exportsBucket(), key)).toBe(false);
  });

  it('rejects, rather than hanging, when uploading a part fails, and aborts the upload', async () => {
    const pdfs = await putPdfs(30, 400_000);
    failing.add('UploadPart');
    const key = `test/${randomUUID()}.zip`;

    // The part's own error, not the pipe's closing nor the abort's (s3rver answers
    // AbortMultipartUpload with 405: that failure rides along as the error's cause).
    await expect(
      packageZip({ entries: pdfs.map((p) => p.entry), destination: { bucket: 'exports', key } }),
    ).rejects.toMatchObject({ name: 'InternalError' });

    expect(sent).toContain('AbortMultipartUpload');
    expect(sent).not.toContain('CompleteMultipartUpload');
    expect(await exists(exportsBucket(), key)).toBe(false);
  });

  it('reads PDFs stored together with one ranged read per run of them, byte for byte', async () => {
    const pdfs = await putPdfs(21);
    // Twenty of them end to end in one object, as an export's chunk stores what it renders.
    const together = await putTogether(pdfs.slice(0, 20).map((p) => p.bytes));
    const inRange = (i: number) => ({ ...pdfs[i]!.entry, key: together.key, range: together.ranges[i]! });
    // The one stored alone sits between two runs of the shared object.
    const entries = [
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(inRange),
      pdfs[20]!.entry,
      ...[10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map(inRange),
    ];
    const key = `test/${randomUUID()}.zip`;

    const result = await packageZip({ entries, destination: { bucket: 'exports', key }, index: zipIndex });

    expect(result.entries).toBe(22);
    expect(sent.filter((name) => name === 'GetObject')).toHaveLength(3);
    const files = await unzip(await download(exportsBucket(), key));
    const expected = [...pdfs.slice(0, 10), pdfs[20]!, ...pdfs.slice(10, 20)];
    expect(files.map((f) => f.name)).toEqual([...expected.map((p) => p.entry.name), 'index.csv']);
    for (const [i, pdf] of expected.entries()) expect(files[i]!.bytes.equals(pdf.bytes)).toBe(true);
    expect((await pdfText(files[11]!.bytes)).text).toContain('Łukasz Żółć');
  });

  it('rejects, leaving no zip, when a shared object holds fewer bytes than its entries say', async () => {
    const pdfs = await putPdfs(3);
    const together = await putTogether(pdfs.map((p) => p.bytes));
    const entries = pdfs.map((p, i) => ({ ...p.entry, key: together.key, range: together.ranges[i]! }));
    entries[2] = {
      ...entries[2]!,
      range: { offset: together.ranges[2]!.offset, bytes: together.ranges[2]!.bytes + 10 },
    };
    const key = `test/${randomUUID()}.zip`;

    await expect(packageZip({ entries, destination: { bucket: 'exports', key } })).rejects.toThrow(
      /were asked for/,
    );
    expect(await exists(exportsBucket(), key)).toBe(false);
  });

  it('refuses two entries of the same name and leaves no zip', async () => {
    const pdfs = await putPdfs(3);
    const entries = pdfs.map((p) => p.entry);
    entries[2] = { ...entries[2]!, name: entries[0]!.name };
    const key = `test/${randomUUID()}.zip`;

    await expect(packageZip({ entries, destination: { bucket: 'exports', key } })).rejects.toThrow(
      /Two zip entries are named/,
    );
    expect(await exists(exportsBucket(), key)).toBe(false);
  });
});

describe('runs of entries read together', () => {
  const at = (key: string, offset: number, bytes = 100): ZipEntrySource => ({
    name: `${key}@${offset}`,
    bucket: 'profiles',
    key,
    range: { offset, bytes },
  });
  const runs = async (entries: ZipEntrySource[]) => {
    const found: string[][] = [];
    for await (const run of runsOf(entries)) found.push(run.parts.map((e) => e.name));
    return found;
  };

  it('join consecutive entries of one object, in the order they are stored in', async () => {
    expect(await runs([at('a', 0), at('a', 100), at('a', 200), at('b', 0), at('a', 300)])).toEqual([
      ['a@0', 'a@100', 'a@200'],
      ['b@0'],
      ['a@300'],
    ]);
    // Going back in the object starts a new read rather than a span over what was read already.
    expect(await runs([at('a', 100), at('a', 0)])).toEqual([['a@100'], ['a@0']]);
  });

  it('split where a gap or the size of one read would take too much along', async () => {
    expect(await runs([at('a', 0), at('a', 100 + 65 * 1024)])).toHaveLength(2);
    const big = 900 * 1024;
    expect(
      await runs([at('a', 0, big), at('a', big, big), at('a', 2 * big, big), at('a', 3 * big, big)]),
    ).toEqual([
      ['a@0', `a@${big}`],
      [`a@${2 * big}`, `a@${3 * big}`],
    ]);
    expect(maxRunBytes).toBeLessThan(3 * big);
  });

  it('read an entry without a range whole, on its own', async () => {
    const whole: ZipEntrySource = { name: 'w', bucket: 'profiles', key: 'a' };
    expect(await runs([at('a', 0), whole, whole])).toEqual([['a@0'], ['w'], ['w']]);
  });
});

describe('the central directory', () => {
  it('is kept as bytes through the engine this archiver version has', () => {
    // False would mean an archiver upgrade moved the engine: it would then keep an entry object per
    // file until finalize() again, and queue 190,000 small writes for 10,000 entries. The zips above
    // are read back through the patch.
    expect(compactCentralDirectory(new ZipArchive({ store: true }))).toBe(true);
  });

  /** A zip of `count` small entries built by archiver, with or without the patch. */
  async function zipOf(
    patched: boolean,
    count: number,
    options: { forceZip64?: boolean; longNames?: boolean } = {},
  ) {
    const archive = new ZipArchive({ store: true, forceZip64: options.forceZip64 ?? false });
    if (patched) expect(compactCentralDirectory(archive)).toBe(true);
    const chunks: Buffer[] = [];
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => archive.on('end', resolve));
    const date = new Date('2026-03-01T10:00:00Z');
    const pad = options.longNames ? ' '.padEnd(120, 'x') : '';
    // ASCII and UTF-8 names, PDFs, an empty file, and a stream entry (written with a data descriptor).
    for (let i = 0; i < count; i++) {
      const person = people[i % people.length]!;
      archive.append(Buffer.concat([Buffer.from(realPdf.subarray(0, 200)), Buffer.from(`%${i}`)]), {
        name: `${person.name}${pad} ${i}.pdf`,
        date,
      });
    }
    archive.append(Buffer.alloc(0), { name: 'empty.txt', date });
    archive.append(Readable.from([Buffer.from('streamed')]), { name: 'streamed.txt', date });
    await archive.finalize();
    await ended;
    return Buffer.concat(chunks);
  }

  it.each([
    ['300 entries', 300, {}],
    // ~130 bytes of header each: the directory spans many 64 KiB blocks and flushes mid-way.
    ['3,000 entries with long names', 3000, { longNames: true }],
    ['ZIP64 forced', 500, { forceZip64: true }],
  ])('comes out byte for byte as archiver writes it unpatched: %s', async (_label, count, options) => {
    const [plain, patched] = await Promise.all([zipOf(false, count, options), zipOf(true, count, options)]);
    expect(patched.equals(plain)).toBe(true);
    const files = await unzip(patched);
    expect(files).toHaveLength(count + 2);
    expect(files[0]!.name).toMatch(/^Łukasz Żółć/);
  });
});

describe('part sizes', () => {
  it('never go below the 5 MiB S3 requires', () => {
    expect(partSizeFor()).toBe(5 * 1024 * 1024);
    expect(partSizeFor(1_000_000)).toBe(5 * 1024 * 1024);
  });

  it('fit twice the expected size in 10,000 parts', () => {
    const expected = 100 * 1024 ** 3;
    expect(partSizeFor(expected) * 10_000).toBeGreaterThanOrEqual(2 * expected);
  });
});
