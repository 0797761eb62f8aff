import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../../shared/clients/s3.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import type { BucketId } from './buckets.ts';

/** Reads whole objects from the project's buckets, named by bucket id (not by bucket name). */
export function fileStore() {
  const bucketName = (id: BucketId) => requiredEnv(envNames.bucketName(id));
  return {
    async read(bucket: BucketId, key: string): Promise<Buffer> {
      const answer = await s3.send(new GetObjectCommand({ Bucket: bucketName(bucket), Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    },
  };
}

export type FileStore = ReturnType<typeof fileStore>;
