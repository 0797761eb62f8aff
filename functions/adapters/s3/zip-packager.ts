import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ZipArchive, type Archiver } from 'archiver';
import { stringify } from 'csv-stringify/sync';
import { s3 } from '../../shared/clients/s3.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import type { BucketId } from './buckets.ts';

/** One file of the zip: the object to copy and the name it gets inside the zip. */
export interface ZipEntrySource {
  readonly name: string;
  readonly bucket: BucketId;
  readonly key: string;
  /** This entry's row of the index (same order as the index header); omitted: no row. */
  readonly indexRow?: readonly string[] | undefined;
}

export interface ZipPackagingInput {
  /** Read lazily, one entry at a time: a generator over DynamoDB pages keeps 10,000 rows out of memory. */
  readonly entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>;
  readonly destination: { readonly bucket: BucketId; readonly key: string };
  /** A CSV file appended after the entries, listing them (one row per entry that has `indexRow`). */
  readonly index?: { readonly name: string; readonly header: readonly string[] } | undefined;
  /** A generous estimate of the zip's size; it sizes the upload's parts (see `partSizeFor`). */
  readonly expectedBytes?: number | undefined;
  /** Modification time written for every entry (the zip then depends only on its input). */
  readonly modifiedAt?: Date | undefined;
  /** S3 reads in flight ahead of the writer. */
  readonly readAhead?: number | undefined;
  /** Parts uploaded at once; the upload holds about (this + 1) × part size in memory. */
  readonly uploadConcurrency?: number | undefined;
}

export interface ZipPackage {
  readonly bucket: BucketId;
  readonly key: string;
  /** Files in the zip, the index included. */
  readonly entries: number;
  readonly bytes: number;
}

const minPartBytes = 5 * 1024 * 1024;
const maxParts = 10_000;

/**
 * S3 refuses a multipart upload of more than 10,000 parts, and lib-storage cannot know a stream's
 * length in advance: parts are sized so that twice the expected size still fits (an estimate made
 * from cached PDF sizes may be short), and never below S3's 5 MiB minimum. At that minimum 10,000
 * parts already hold 48 GiB, so only a very large export makes parts bigger.
 */
export function partSizeFor(expectedBytes = 0): number {
  return Math.max(minPartBytes, Math.ceil((2 * expectedBytes) / maxParts));
}

/**
 * Streams objects from S3 into one zip uploaded to S3 as it is written, so memory stays flat
 * whatever the number of entries: at most `readAhead` objects are read ahead of the writer, the
 * archive holds one entry at a time, and the upload holds a few parts (design.md, "Packaging").
 *
 * PDFs are already compressed, so entries are STORED, not deflated: deflating costs CPU for nothing.
 * Past 65,535 entries or 4 GiB the zip switches to ZIP64 by itself (zip-stream does).
 *
 * The wiring follows the known pitfalls of archiver → PassThrough → lib-storage: the pipe is a
 * `stream.pipeline` (an error anywhere reaches every stream), the upload is started before the first
 * append, every listener is attached before `finalize()`, an entry is appended only once the previous
 * one is written, and only `Upload.done()` resolving counts as success. On any failure the upload's
 * body is destroyed with the error: lib-storage then aborts the multipart upload itself
 * (`leavePartsOnError: false`) and `done()` rejects only once that AbortMultipartUpload has returned.
 * (`Upload.abort()` would reject `done()` at once and leave the clean-up racing a Lambda freeze.)
 */
export async function packageZip(input: ZipPackagingInput): Promise<ZipPackage> {
  const bucketName = (id: BucketId) => requiredEnv(envNames.bucketName(id));
  const { destination, index } = input;
  const reads = new AbortController();

  const archive = new ZipArchive({ store: true });
  const body = new PassThrough();
  const upload = new Upload({
    client: s3,
    params: {
      Bucket: bucketName(destination.bucket),
      Key: destination.key,
      Body: body,
      ContentType: 'application/zip',
    },
    partSize: partSizeFor(input.expectedBytes),
    queueSize: input.uploadConcurrency ?? 4,
    leavePartsOnError: false,
  });

  // Started before anything is appended: the upload is what drains the archive.
  const uploaded = upload.done();
  const piped = pipeline(archive, body);
  // Either side failing must stop the writer at once, even mid-append (a failed upload stops
  // reading, so the archive would otherwise wait forever for room to write).
  const broken = new Promise<never>((_, reject) => {
    uploaded.catch(reject);
    piped.catch(reject);
  });
  broken.catch(() => undefined);
  archive.on('warning', (warning) => archive.destroy(warning));

  const date = input.modifiedAt ?? new Date();
  const indexLines: string[] = [];
  const names = new Set<string>();
  let count = 0;

  try {
    const objects = readAheadInOrder(input.entries, input.readAhead ?? 6, async (entry) => {
      const answer = await s3.send(
        new GetObjectCommand({ Bucket: bucketName(entry.bucket), Key: entry.key }),
        { abortSignal: reads.signal },
      );
      const bytes = await answer.Body!.transformToByteArray();
      return { entry, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    });
    for await (const { entry, bytes } of objects) {
      // Two entries of one name would silently shadow each other in most unzip tools.
      if (names.has(entry.name)) throw new Error(`Two zip entries are named ${entry.name}.`);
      names.add(entry.name);
      await Promise.race([appendOne(archive, bytes, { name: entry.name, date, store: true }), broken]);
      count += 1;
      if (entry.indexRow) indexLines.push(csvLine(entry.indexRow));
    }
    if (index) {
      if (names.has(index.name)) throw new Error(`A zip entry is named like the index, ${index.name}.`);
      // A byte-order mark: spreadsheet programs otherwise read UTF-8 names (Łukasz, Ἀλέξανδρος) as mojibake.
      const csv = Buffer.from('\uFEFF' + csvLine(index.header) + indexLines.join(''), 'utf8');
      await Promise.race([appendOne(archive, csv, { name: index.name, date, store: true }), broken]);
      count += 1;
    }
    await Promise.race([archive.finalize(), broken]);
    await Promise.all([piped, uploaded]);
    return { bucket: destination.bucket, key: destination.key, entries: count, bytes: archive.pointer() };
  } catch (error) {
    reads.abort();
    body.destroy(error instanceof Error ? error : new Error(String(error)));
    archive.destroy();
    // Settles once lib-storage has aborted the multipart upload (or never started one).
    await Promise.allSettled([uploaded, piped]);
    throw error;
  }
}

/**
 * One CSV record. csv-stringify quotes what needs quoting (commas, quotes, line breaks in a name)
 * and escapes formulas: a learner named `=HYPERLINK(…)` must not become a live formula in the
 * spreadsheet an admin opens the index with.
 */
const csvLine = (row: readonly string[]) =>
  stringify([[...row]], { escape_formulas: true, record_delimiter: 'windows' });

/** Appends one entry and resolves once the archive has written it: one entry at a time. */
function appendOne(archive: Archiver, bytes: Buffer, data: { name: string; date: Date; store: boolean }) {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      archive.off('entry', onEntry);
      archive.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onEntry = () => done();
    archive.once('entry', onEntry);
    archive.once('error', done);
    archive.append(bytes, data);
  });
}

/**
 * Maps `source` through `read` with at most `depth` reads in flight, yielding results in the
 * source's order. The source is pulled only as results are consumed, so a paged source is paged
 * lazily; the first failure ends the iteration with that error.
 */
export async function* readAheadInOrder<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  depth: number,
  read: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  const pending: Promise<R>[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && pending.length < Math.max(1, depth)) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const result = read(next.value);
      // Handled here so a read failing while earlier ones are still awaited is not "unhandled";
      // the failure itself surfaces when its turn comes.
      result.catch(() => undefined);
      pending.push(result);
    }
  };
  try {
    await fill();
    while (pending.length > 0) {
      const result = await pending.shift()!;
      await fill();
      yield result;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
