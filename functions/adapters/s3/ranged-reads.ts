import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../../shared/clients/s3.ts';

/** Something stored in an object: the whole object, or `range` of it (PDFs rendered together). */
export interface StoredPart {
  /** The bucket's id (buckets.ts) or name: runs never join parts of two buckets. */
  readonly bucket: string;
  readonly key: string;
  readonly range?: { readonly offset: number; readonly bytes: number } | undefined;
}

/**
 * The most one ranged read takes of an object shared by several parts: a chunk's PDFs (50 × tens
 * of kilobytes) in one read or two, while a few reads in flight stay around ten megabytes.
 */
export const maxRunBytes = 2 * 1024 * 1024;
/** Bytes between two parts of one object that a ranged read may take along rather than split. */
const maxGapBytes = 64 * 1024;

/** Parts read with one GET: an object whole, or a span of an object several parts share. */
export interface Run<T extends StoredPart> {
  readonly bucket: T['bucket'];
  readonly key: string;
  readonly parts: T[];
  /** The bytes read, `start` to `end - 1`; absent: the whole object, for its one part. */
  span?: { start: number; end: number };
}

/**
 * Groups consecutive parts of one object into runs read together: each next part of the same
 * object must start at or after the previous one's end (the order they were stored in), no further
 * than `maxGapBytes` from it, and the run stays within `maxRunBytes`. Pulled lazily, one part
 * ahead, so a paged source stays paged.
 */
export async function* runsOf<T extends StoredPart>(parts: AsyncIterable<T> | Iterable<T>) {
  let run: Run<T> | undefined;
  for await (const part of parts) {
    const range = part.range;
    if (run?.span && range && run.bucket === part.bucket && run.key === part.key) {
      const fits =
        range.offset >= run.span.end &&
        range.offset - run.span.end <= maxGapBytes &&
        range.offset + range.bytes - run.span.start <= maxRunBytes;
      if (fits) {
        run.parts.push(part);
        run.span.end = range.offset + range.bytes;
        continue;
      }
    }
    if (run) yield run;
    run = {
      bucket: part.bucket,
      key: part.key,
      parts: [part],
      ...(range ? { span: { start: range.offset, end: range.offset + range.bytes } } : {}),
    };
  }
  if (run) yield run;
}

/**
 * Reads one run with one GET (ranged when the parts share the object) and answers each part with
 * its bytes, views into the one buffer read. An object shorter than its parts say (replaced, or
 * cut short) rejects, rather than answering bytes that are not the part.
 */
export async function readRun<T extends StoredPart>(
  run: Run<T>,
  /** The bucket's name, where the parts name its id. */
  bucket: string,
  abortSignal?: AbortSignal,
): Promise<{ part: T; bytes: Buffer }[]> {
  const { span } = run;
  const answer = await s3.send(
    new GetObjectCommand({
      Bucket: bucket,
      Key: run.key,
      ...(span ? { Range: `bytes=${span.start}-${span.end - 1}` } : {}),
    }),
    { abortSignal },
  );
  const read = await answer.Body!.transformToByteArray();
  const bytes = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
  if (!span) return [{ part: run.parts[0]!, bytes }];
  if (bytes.byteLength !== span.end - span.start)
    throw new Error(
      `${run.key}: bytes ${span.start}-${span.end - 1} were asked for, ${bytes.byteLength} came.`,
    );
  return run.parts.map((part) => ({
    part,
    bytes: bytes.subarray(
      part.range!.offset - span.start,
      part.range!.offset - span.start + part.range!.bytes,
    ),
  }));
}
