import { finished, pipeline } from 'node:stream/promises';
import { ZipArchive, type Archiver } from 'archiver';
import { stringify } from 'csv-stringify/sync';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import type { BucketId } from './buckets.ts';
import { readAheadInOrder } from '../../../domain/read-ahead.ts';
import { readRun, runsOf } from './ranged-reads.ts';
import { S3PartWriter } from './part-writer.ts';

/** One file of the zip: the object to copy and the name it gets inside the zip. */
export interface ZipEntrySource {
  readonly name: string;
  readonly bucket: BucketId;
  readonly key: string;
  /**
   * The entry is these bytes of the object (PDFs rendered together share one object); absent: the
   * whole object. Consecutive entries in one object are read together, in one ranged read.
   */
  readonly range?: { readonly offset: number; readonly bytes: number } | undefined;
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
  /**
   * S3 reads in flight ahead of the writer (default 6). Each read is whole before its entries are
   * appended, so memory is about this many reads (a PDF of tens of kilobytes, or a run of PDFs
   * stored together of at most `maxRunBytes`), and a read that fails never leaves half an entry in
   * the zip.
   */
  readonly readAhead?: number | undefined;
  /**
   * Parts uploaded at once; the upload holds (this + 1) part buffers, reused for every part. Two keep
   * the writer busy while a part is sent (reading the PDFs, not uploading, is the slow side).
   */
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
 * S3 refuses a multipart upload of more than 10,000 parts, and a streamed zip's length is not known
 * in advance: parts are sized so that twice the expected size still fits (an estimate made
 * from cached PDF sizes may be short), and never below S3's 5 MiB minimum. At that minimum 10,000
 * parts already hold 48 GiB, so only a very large export makes parts bigger.
 */
export function partSizeFor(expectedBytes = 0): number {
  return Math.max(minPartBytes, Math.ceil((2 * expectedBytes) / maxParts));
}

/**
 * Streams objects from S3 into one zip uploaded to S3 as it is written, so memory stays flat
 * whatever the number of entries: at most `readAhead` reads (an object, or a run of PDFs stored
 * together) are in flight ahead of the writer, the
 * archive holds one entry at a time, and the upload reuses a fixed set of part buffers
 * (part-writer.ts; design.md, "Packaging").
 *
 * PDFs are already compressed, so entries are STORED, not deflated: deflating costs CPU for nothing.
 * Past 65,535 entries or 4 GiB the zip switches to ZIP64 by itself (zip-stream does).
 *
 * The wiring follows the known pitfalls of archiver → S3 upload: the pipe is a `stream.pipeline` (an
 * error anywhere reaches every stream), every listener is attached before `finalize()`, an entry is
 * appended only once the previous one is written, and only the upload stream's `finish` (emitted once
 * CompleteMultipartUpload has returned) counts as success. On any failure the upload stream is
 * destroyed with the error: it aborts the multipart upload and reports the error only once that
 * AbortMultipartUpload has returned, so the clean-up does not race a Lambda freeze.
 */
export async function packageZip(input: ZipPackagingInput): Promise<ZipPackage> {
  const bucketName = (id: BucketId) => requiredEnv(envNames.bucketName(id));
  const { destination, index } = input;
  const aborted = new AbortController();

  const archive = new ZipArchive({ store: true });
  compactCentralDirectory(archive);
  const upload = new S3PartWriter({
    bucket: bucketName(destination.bucket),
    key: destination.key,
    contentType: 'application/zip',
    partSize: partSizeFor(input.expectedBytes),
    concurrency: input.uploadConcurrency ?? 2,
  });
  const piped = pipeline(archive, upload);
  // Either side failing stops the writer at once, even mid-append (a failed upload stops reading,
  // so the archive would otherwise wait forever for room to write): the archive is destroyed with
  // the first error, which every pending append and the finalize below are listening for.
  let failure: Error | undefined;
  const stop = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    if (!archive.destroyed) archive.destroy(failure);
  };
  piped.catch(stop);
  archive.on('warning', stop);
  const date = input.modifiedAt ?? new Date();
  const append = (bytes: Buffer, name: string) =>
    appendOne(archive, bytes, { name, date, store: true }, () => failure);

  const csv = csvWriter();
  const names = new Set<string>();
  let count = 0;

  try {
    const reads = readAheadInOrder(runsOf(input.entries), input.readAhead ?? 6, (run) =>
      readRun(run, bucketName(run.bucket), aborted.signal),
    );
    for await (const read of reads) {
      for (const { part: entry, bytes } of read) {
        // Two entries of one name would silently shadow each other in most unzip tools.
        if (names.has(entry.name)) throw new Error(`Two zip entries are named ${entry.name}.`);
        names.add(entry.name);
        await append(bytes, entry.name);
        count += 1;
        if (entry.indexRow) csv.add(entry.indexRow);
      }
    }
    if (index) {
      if (names.has(index.name)) throw new Error(`A zip entry is named like the index, ${index.name}.`);
      await append(csv.file(index.header), index.name);
      count += 1;
    }
    const finalized = archive.finalize();
    // Its promise rejects late (or never settles) when the upload fails first; that failure is
    // reported through `piped` instead.
    finalized.catch(() => undefined);
    await Promise.all([finalized, piped]);
    return { bucket: destination.bucket, key: destination.key, entries: count, bytes: archive.pointer() };
  } catch (error) {
    aborted.abort();
    stop(error);
    upload.destroy(failure);
    // Settles once the upload stream has aborted the multipart upload (or never started one).
    await Promise.allSettled([finished(upload), piped]);
    // A failed upload closes the pipe: that closing often arrives first, but the upload's own error
    // is the one that says what went wrong.
    if (closedStream(error) && upload.errored) throw upload.errored;
    throw error;
  }
}

/** The error a stream gets when another one in its pipe went away: a symptom, never the cause. */
const closedStream = (error: unknown) =>
  ['ABORT_ERR', 'ERR_STREAM_PREMATURE_CLOSE'].includes((error as { code?: string } | undefined)?.code ?? '');

interface ZipEngine {
  write(chunk: Buffer | string): boolean;
  _writeCentralFileHeader(entry: unknown): void;
  _entries: unknown[];
}

/** Bytes appended in blocks of about 64 KiB, off the V8 heap; `take` reads them back in order. */
function byteBlocks() {
  const blockBytes = 64 * 1024;
  const blocks: Buffer[] = [];
  let current = Buffer.allocUnsafeSlow(blockBytes);
  let filled = 0;
  let readBlock = 0;
  let readOffset = 0;
  return {
    add(bytes: Buffer) {
      for (let offset = 0; offset < bytes.byteLength;) {
        if (filled === blockBytes) {
          blocks.push(current);
          current = Buffer.allocUnsafeSlow(blockBytes);
          filled = 0;
        }
        const copied = bytes.copy(current, filled, offset);
        filled += copied;
        offset += copied;
      }
    },
    /** The next `length` bytes, in as few pieces as the blocks allow (each released once read). */
    take(length: number): Buffer[] {
      const pieces: Buffer[] = [];
      while (length > 0) {
        const block = readBlock < blocks.length ? blocks[readBlock]! : current;
        const end = readBlock < blocks.length ? blockBytes : filled;
        const n = Math.min(length, end - readOffset);
        pieces.push(block.subarray(readOffset, readOffset + n));
        readOffset += n;
        length -= n;
        if (readOffset === blockBytes && readBlock < blocks.length) {
          blocks[readBlock] = undefined as unknown as Buffer;
          readBlock += 1;
          readOffset = 0;
        }
      }
      return pieces;
    },
  };
}

/**
 * archiver's zip engine (compress-commons 7) keeps every entry it has written (a ZipArchiveEntry
 * with its name, a GeneralPurposeBit, offsets and a closure: ~500 bytes of V8 heap each, which
 * also raise V8's heap limit with them) until `finalize()` writes the central directory from
 * them, in one synchronous loop of about 19 tiny `write`s per entry. That was the part of
 * packaging whose memory grew with the number of entries. An entry's central directory header
 * depends on that entry alone (name, sizes, CRC, time, offset: all final once its data is
 * written), so it is built when the engine records the entry and kept as bytes off the V8 heap
 * (~100 bytes per entry); the engine's list keeps only each header's length, and `finalize()`
 * writes the headers in pieces of about 64 KiB. The bytes written are the same.
 *
 * This reaches into the engine (`_module.engine`: `_entries`, `_writeCentralFileHeader`); when a
 * new archiver no longer has them, nothing is patched and the answer is false, which a test checks.
 */
export function compactCentralDirectory(archive: Archiver): boolean {
  const engine = (archive as unknown as { _module?: { engine?: ZipEngine } })._module?.engine;
  if (
    typeof engine?._writeCentralFileHeader !== 'function' ||
    typeof engine.write !== 'function' ||
    !Array.isArray(engine._entries) ||
    engine._entries.length > 0
  )
    return false;
  const writeHeader = engine._writeCentralFileHeader;
  const headers = byteBlocks();
  const headerOf = (entry: unknown) => {
    const parts: (Buffer | Uint8Array)[] = [];
    // An own property shadows the stream's `write` while one header is built, then goes again.
    Object.defineProperty(engine, 'write', {
      configurable: true,
      // The engine writes ASCII-only names and comments as strings (UTF-8 ones as buffers).
      value: (chunk: Buffer | string) =>
        parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk) > 0,
    });
    try {
      writeHeader.call(engine, entry);
    } finally {
      delete (engine as Partial<ZipEngine>).write;
    }
    return Buffer.concat(parts);
  };
  const entries = engine._entries;
  // The engine records an entry (`_entries.push`) once its data is written; what it keeps is the
  // length of the header built then.
  Object.defineProperty(entries, 'push', {
    configurable: true,
    value: (entry: unknown) => {
      const header = headerOf(entry);
      headers.add(header);
      return Array.prototype.push.call(entries, header.byteLength);
    },
  });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    engine.write(chunk);
  };
  let recorded = 0;
  engine._writeCentralFileHeader = function (this: ZipEngine, entry: unknown) {
    if (typeof entry !== 'number') {
      flush();
      return writeHeader.call(this, entry);
    }
    for (const piece of headers.take(entry)) {
      pending.push(piece);
      pendingBytes += piece.byteLength;
    }
    recorded += 1;
    // Written in pieces of about 64 KiB, and all of it before the engine measures the directory.
    if (pendingBytes >= 64 * 1024 || recorded === entries.length) flush();
  };
  return true;
}

/**
 * The index, built while the entries stream past. csv-stringify quotes what needs quoting (commas,
 * quotes, line breaks in a name) and escapes formulas: a learner named `=HYPERLINK(…)` must not
 * become a live formula in the spreadsheet an admin opens the index with. Rows are kept as UTF-8
 * blocks rather than strings (a string with one `Ł` in it takes two bytes per character), so
 * 10,000 rows take about a megabyte.
 */
function csvWriter() {
  const line = (row: readonly string[]) =>
    stringify([[...row]], { escape_formulas: true, record_delimiter: 'windows' });
  const blocks: Buffer[] = [];
  let pending = '';
  return {
    add(row: readonly string[]) {
      pending += line(row);
      if (pending.length >= 64 * 1024) {
        blocks.push(Buffer.from(pending, 'utf8'));
        pending = '';
      }
    },
    /** The whole file; a byte-order mark first, or spreadsheet programs read UTF-8 names as mojibake. */
    file: (header: readonly string[]) =>
      Buffer.concat([Buffer.from('\uFEFF' + line(header), 'utf8'), ...blocks, Buffer.from(pending, 'utf8')]),
  };
}

/**
 * Appends one entry and resolves once the archive has written it: one entry at a time. Rejects
 * with the packaging's first failure if the archive is destroyed meanwhile.
 */
function appendOne(
  archive: Archiver,
  bytes: Buffer,
  data: { name: string; date: Date; store: boolean },
  failure: () => Error | undefined,
) {
  return new Promise<void>((resolve, reject) => {
    const early = failure();
    if (early) return reject(early);
    const settle = (error?: Error) => {
      archive.off('entry', onEntry);
      archive.off('error', onError);
      archive.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onEntry = () => settle();
    const onError = (error: Error) => settle(failure() ?? error);
    const onClose = () =>
      settle(failure() ?? new Error('The zip archive closed before its entry was written.'));
    archive.once('entry', onEntry);
    archive.once('error', onError);
    archive.once('close', onClose);
    archive.append(bytes, data);
  });
}
