import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../../shared/clients/s3.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import type { BucketId } from './buckets.ts';
import { withoutBidiControls } from '../../../domain/documents/safe-text.ts';

/** Presigned URLs live minutes: long enough to start a download, too short to be worth forwarding. */
export const downloadUrlSeconds = 5 * 60;

/**
 * `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987), so
 * `Profile - Łukasz Żółć.pdf` arrives under its own name in every browser.
 */
export function contentDisposition(name: string): string {
  // Names are made without bidi controls; a link issued before that rule still shows none.
  const filename = withoutBidiControls(name);
  const ascii = filename
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function presignedDownload(
  bucket: BucketId,
  key: string,
  filename: string,
  contentType: string,
  now = new Date(),
) {
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: requiredEnv(envNames.bucketName(bucket)),
      Key: key,
      ResponseContentDisposition: contentDisposition(filename),
      ResponseContentType: contentType,
    }),
    { expiresIn: downloadUrlSeconds },
  );
  return { url, expiresAt: new Date(now.getTime() + downloadUrlSeconds * 1000).toISOString() };
}
