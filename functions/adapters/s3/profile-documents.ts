import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { profileLayoutVersion } from '../../../domain/documents/profile-layout.ts';
import type {
  PdfPart,
  ProfileDocuments,
  RenderableProfile,
  StoredPdf,
} from '../../../domain/learning/ports.ts';
import { s3 } from '../../shared/clients/s3.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import { presignedDownload } from './download-urls.ts';
import { readRun, runsOf } from './ranged-reads.ts';

/**
 * Rendered profile PDFs, cached in the profiles bucket by organisation, profile, layout version and
 * language: a second download of the same profile in the same language renders nothing, and a new
 * layout version renders afresh without anyone clearing a cache. A bulk export's chunk stores the
 * PDFs it renders together in one object instead (`renderTogether`); the rendered-PDF index says
 * which bytes of it are whose, and `storeAlone` copies one out to its own key when a share needs it.
 */
export const renderedProfileKey = (org: string, profileId: string, language: string) =>
  `rendered/${org}/${profileId}/v${profileLayoutVersion}/${language}.pdf`;

/**
 * Where PDFs rendered together are cached: one object per call of `renderTogether`, named afresh
 * each time (a chunk rendered again writes a new object; rows written the first time keep pointing
 * at the old one, which the bucket's lifecycle removes with the rest of the cache).
 */
const renderedTogetherKey = (org: string) =>
  `rendered/${org}/together/v${profileLayoutVersion}/${ulid()}.pdfs`;

/**
 * Loaded on the first render only: pdf-lib, the renderer and the translations are a separate chunk
 * of the Lambda bundle, so a container that only serves cached PDFs never loads them.
 */
async function renderPdf(profile: RenderableProfile, personName: string, language: string) {
  const { profileRenderer } = await import('../documents/fonts.ts');
  return profileRenderer().render({
    personName,
    product: profile.product as 'discovery',
    includeCareerGuide: profile.includeCareerGuide ?? false,
    completedAt: profile.completedAt,
    language,
    scores: profile.results.scores,
    summary: profile.results.summary,
  });
}

export function s3ProfileDocuments(): ProfileDocuments {
  const bucket = () => requiredEnv(envNames.bucketName('profiles'));
  return {
    async ensureRendered(org, profile, personName, language) {
      const key = renderedProfileKey(org, profile.id, language);
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
        return { key, bytes: head.ContentLength ?? 0 };
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404)
          throw error;
      }
      const pdf = await renderPdf(profile, personName, language);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket(),
          Key: key,
          Body: pdf,
          ContentType: 'application/pdf',
          Metadata: { 'rendered-at': new Date().toISOString() },
        }),
      );
      return { key, bytes: pdf.byteLength };
    },

    async renderTogether(org, wanted) {
      const key = renderedTogetherKey(org);
      const pdfs: Uint8Array[] = [];
      let offset = 0;
      const answers: (PdfPart | { error: unknown })[] = [];
      // One after the other: rendering is CPU work, nothing to overlap until the one write below.
      for (const { profile, personName, language } of wanted) {
        try {
          const pdf = await renderPdf(profile, personName, language);
          answers.push({ key, offset, bytes: pdf.byteLength });
          pdfs.push(pdf);
          offset += pdf.byteLength;
        } catch (error) {
          answers.push({ error });
        }
      }
      if (pdfs.length > 0)
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket(),
            Key: key,
            // Not one document but several PDFs end to end; the index and the rows say where each is.
            Body: Buffer.concat(pdfs),
            ContentType: 'application/octet-stream',
            Metadata: { 'rendered-at': new Date().toISOString(), pdfs: String(pdfs.length) },
          }),
        );
      return answers;
    },

    async storeAlone(org, pdfs) {
      const answers: (StoredPdf | { error: unknown })[] = pdfs.map(() => ({
        error: new Error('Not copied.'),
      }));
      // In the order they sit in their objects, so each object's PDFs are read in as few reads as may be.
      const parts = pdfs
        .map((pdf, at) => ({
          bucket: 'profiles' as const,
          key: pdf.key,
          range: { offset: pdf.offset, bytes: pdf.bytes },
          pdf,
          at,
        }))
        .sort((a, b) => a.key.localeCompare(b.key) || a.range.offset - b.range.offset);
      for await (const run of runsOf(parts)) {
        let read: Awaited<ReturnType<typeof readRun<(typeof parts)[number]>>>;
        try {
          read = await readRun(run, bucket());
        } catch (error) {
          for (const { at } of run.parts) answers[at] = { error };
          continue;
        }
        await Promise.all(
          read.map(async ({ part: { pdf, at }, bytes }) => {
            const key = renderedProfileKey(org, pdf.profileId, pdf.language);
            try {
              await s3.send(
                new PutObjectCommand({
                  Bucket: bucket(),
                  Key: key,
                  Body: bytes,
                  ContentType: 'application/pdf',
                  Metadata: { 'rendered-at': new Date().toISOString() },
                }),
              );
              answers[at] = { key, bytes: bytes.byteLength };
            } catch (error) {
              answers[at] = { error };
            }
          }),
        );
      }
      return answers;
    },

    downloadUrl: (key, filename) => presignedDownload('profiles', key, filename, 'application/pdf'),
  };
}
