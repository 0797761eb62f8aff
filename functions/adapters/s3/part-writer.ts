import { Writable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { s3 } from '../../shared/clients/s3.ts';

export interface PartWriterOptions {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  /** Bytes per part (S3: at least 5 MiB except the last, at most 10,000 parts). */
  readonly partSize: number;
  /** Parts uploaded at once. */
  readonly concurrency: number;
}

/**
 * A stream that uploads what is written to it as one S3 object, part by part as it arrives, in a
 * fixed set of `concurrency + 1` part buffers reused from the first part to the last: one filling,
 * the others uploading. Memory is those buffers whatever the object's size.
 *
 * Why not lib-storage's `Upload`: it gathers a stream's chunks and `Buffer.concat`s them into a new
 * part buffer for every part. Each dead 5 MiB part then waits for V8's next full collection (the
 * buffers outlive their upload long enough to reach the old generation, and V8 lets up to 64 MiB of
 * external memory pile up before collecting for it), and glibc, which serves same-size blocks from
 * its heap once one has been freed, keeps the holes they leave. Both grew with the number of parts:
 * a 10,000-PDF zip (24 parts) peaked ~25 MB higher than a 1,000-PDF one (3 parts).
 *
 * An object smaller than one part is sent with one PutObject when the stream ends (no multipart
 * upload at all). Writing waits while every buffer is busy, which is the back-pressure the archive
 * feeding it needs. Success is the stream's `finish`, emitted only once CompleteMultipartUpload (or
 * the PutObject) has returned. Destroyed with an error, it cancels the parts in flight and aborts
 * the multipart upload, and only then emits that error (so a Lambda is not frozen mid-clean-up); if
 * the abort itself fails, the error carries that failure as its `cause` (the bucket's lifecycle
 * rule removes incomplete uploads after a day).
 */
export class S3PartWriter extends Writable {
  private readonly free: Buffer[] = [];
  private allocated = 0;
  private current: Buffer | undefined;
  private filled = 0;
  private partNumber = 0;
  private uploadId: Promise<string> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly parts: CompletedPart[] = [];
  private readonly requests = new AbortController();
  private readonly options: PartWriterOptions;

  constructor(options: PartWriterOptions) {
    // Small: the part buffers are the buffer; the stream's own queue only holds chunks met while
    // every part buffer is busy.
    super({ highWaterMark: 64 * 1024 });
    this.options = options;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.copy(chunk).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void) {
    this.complete().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    // After `finish` the object is complete: nothing to abort.
    if (this.writableFinished) return callback(error);
    const reason = error ?? new Error(`The upload of ${this.options.key} was closed before it finished.`);
    this.abort(reason).then(
      () => callback(error),
      (abortFailure: unknown) => callback(Object.assign(reason, { cause: reason.cause ?? abortFailure })),
    );
  }

  private async copy(chunk: Buffer) {
    for (let offset = 0; offset < chunk.byteLength;) {
      this.current ??= await this.freeBuffer();
      const copied = chunk.copy(this.current, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === this.options.partSize) this.sendPart();
    }
  }

  /** A part buffer no upload holds: a returned one, a new one while fewer than the set exist, or the next to come back. */
  private async freeBuffer(): Promise<Buffer> {
    for (;;) {
      const buffer = this.free.pop();
      if (buffer) return buffer;
      if (this.allocated < this.options.concurrency + 1) {
        this.allocated += 1;
        // Outside Node's small-buffer pool and never zero-filled: only written bytes are sent.
        return Buffer.allocUnsafeSlow(this.options.partSize);
      }
      await Promise.race(this.inFlight);
    }
  }

  private sendPart() {
    const buffer = this.current!;
    const length = this.filled;
    this.current = undefined;
    this.filled = 0;
    const partNumber = ++this.partNumber;
    const { bucket, key } = this.options;
    const upload = (async () => {
      const uploadId = await (this.uploadId ??= this.create());
      const answer = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: buffer.subarray(0, length),
        }),
        { abortSignal: this.requests.signal },
      );
      if (!answer.ETag) throw new Error(`S3 answered part ${partNumber} of ${key} without an ETag.`);
      this.parts.push({ PartNumber: partNumber, ETag: answer.ETag });
      this.free.push(buffer);
    })();
    this.inFlight.add(upload);
    upload.then(
      () => this.inFlight.delete(upload),
      (error: unknown) => {
        this.inFlight.delete(upload);
        // Reaches the archive through the pipe at once, even while nothing is being written.
        this.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  private async create() {
    const { bucket, key, contentType } = this.options;
    const answer = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
      { abortSignal: this.requests.signal },
    );
    return answer.UploadId!;
  }

  private async complete() {
    const { bucket, key, contentType } = this.options;
    if (this.partNumber === 0) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          ContentType: contentType,
          Body: this.current?.subarray(0, this.filled) ?? Buffer.alloc(0),
        }),
      );
      return;
    }
    if (this.filled > 0) this.sendPart();
    // Rejects with the first part that fails (which also destroys this stream).
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    const uploadId = await this.uploadId!;
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: [...this.parts].sort((a, b) => a.PartNumber! - b.PartNumber!) },
      }),
    );
  }

  private async abort(reason: Error) {
    this.requests.abort(reason);
    await Promise.allSettled([...this.inFlight]);
    const uploadId = await this.uploadId?.catch(() => undefined);
    if (!uploadId) return;
    await s3.send(
      new AbortMultipartUploadCommand({
        Bucket: this.options.bucket,
        Key: this.options.key,
        UploadId: uploadId,
      }),
    );
  }
}
