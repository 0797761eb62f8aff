import { S3Client } from '@aws-sdk/client-s3';
import { envNames } from '../env-names.ts';
import { optionalEnv } from '../env.ts';

/**
 * One S3 client per container. Checksums only when required: emulators reject the SDK's default
 * CRC32 trailers, and S3 itself checks Content-MD5/ETags for what we upload anyway.
 */
export const s3 = new S3Client({
  forcePathStyle: optionalEnv(envNames.s3ForcePathStyle) === 'true',
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
