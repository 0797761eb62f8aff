import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { profileLayoutVersion } from '../../../domain/documents/profile-layout.ts';
import type { ProfileDocuments } from '../../../domain/learning/ports.ts';
import { s3 } from '../../shared/clients/s3.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import { presignedDownload } from './download-urls.ts';

/**
 * Rendered profile PDFs, cached in the profiles bucket by organisation, profile, layout version and
 * language: a second download of the same profile in the same language renders nothing, and a new
 * layout version renders afresh without anyone clearing a cache.
 */
export const renderedProfileKey = (org: string, profileId: string, language: string) =>
  `rendered/${org}/${profileId}/v${profileLayoutVersion}/${language}.pdf`;

export function s3ProfileDocuments(): ProfileDocuments {
  const bucket = () => requiredEnv(envNames.bucketName('profiles'));
  const render: ProfileDocuments['render'] = async (org, profile, personName, language) => {
    const key = renderedProfileKey(org, profile.id, language);
    // Loaded on the first cache miss only: pdf-lib, the renderer and the translations are a separate
    // chunk of the Lambda bundle, so a container that only serves cached PDFs never loads them.
    const { profileRenderer } = await import('../documents/fonts.ts');
    const pdf = await profileRenderer().render({
      personName,
      product: profile.product as 'discovery',
      includeCareerGuide: profile.includeCareerGuide ?? false,
      completedAt: profile.completedAt,
      language,
      scores: profile.results.scores,
      summary: profile.results.summary,
    });
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
  };
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
      return render(org, profile, personName, language);
    },
    render,
    downloadUrl: (key, filename) => presignedDownload('profiles', key, filename, 'application/pdf'),
  };
}
