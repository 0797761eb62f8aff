import { profileLayoutVersion } from '../../../domain/documents/profile-layout.ts';
import type { IndexedPdf, RenderedPdfIndex } from '../../../domain/learning/ports.ts';
import { buckets } from '../s3/buckets.ts';
import { batchGet, batchWrite } from './batches.ts';
import { keys } from './keys.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * S3 deletes a cached PDF no sooner than `expireAfterDays` after it was written (lifecycle
 * expiration counts from the object's creation, rounded up to a midnight UTC): an entry is trusted
 * for a day less, so it never names a PDF that may be gone. DynamoDB's TTL removes it later, at its
 * own pace; reads check the age themselves.
 */
const trustedForMs = (buckets.profiles.expireAfterDays - 1) * dayMs;

type IndexEntry = IndexedPdf & {
  layout: number;
  renderedAt: string;
};

/** The rendered-PDF cache's index on the single table (domain/learning/ports.ts `RenderedPdfIndex`). */
export function dynamoRenderedPdfIndex(
  tableName: string,
  now: () => Date = () => new Date(),
): RenderedPdfIndex {
  return {
    async among(org, wanted) {
      const entries = await batchGet<IndexEntry>(
        tableName,
        wanted.map((pdf) => keys.renderedPdf(org, pdf.profileId, pdf.language)),
      );
      const oldest = now().getTime() - trustedForMs;
      return entries
        .filter((entry) => entry.layout === profileLayoutVersion && Date.parse(entry.renderedAt) > oldest)
        .map(({ profileId, language, key, bytes, offset }): IndexedPdf =>
          offset === undefined
            ? { profileId, language, key, bytes }
            : { profileId, language, key, bytes, offset },
        );
    },

    async remember(org, pdfs) {
      const renderedAt = now();
      const expiresAtEpoch = Math.floor((renderedAt.getTime() + trustedForMs) / 1000);
      await batchWrite(
        tableName,
        pdfs.map((pdf) => ({
          PutRequest: {
            Item: {
              ...keys.renderedPdf(org, pdf.profileId, pdf.language),
              type: 'rendered-pdf',
              profileId: pdf.profileId,
              language: pdf.language,
              key: pdf.key,
              bytes: pdf.bytes,
              ...(pdf.offset === undefined ? {} : { offset: pdf.offset }),
              layout: profileLayoutVersion,
              renderedAt: renderedAt.toISOString(),
              expiresAtEpoch,
            } satisfies IndexEntry & Record<string, unknown>,
          },
        })),
      );
    },
  };
}
