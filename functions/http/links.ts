import { presignedDownload } from '../adapters/s3/download-urls.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { linksRoutes } from './routes/links.ts';
import { linkWiring } from '../shared/wiring/links.ts';

const links = linkWiring();

export const handler = httpHandler(linksRoutes, {
  /** Every click re-signs a minutes-long S3 URL: the emailed link itself never dies with a role's credentials. */
  'GET /v1/links/{token}': async ({ params }) => {
    const file = await links.open(params.token);
    const { url } = await presignedDownload(file.bucket, file.key, file.filename, file.contentType);
    return {
      status: 302,
      headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    };
  },
});
