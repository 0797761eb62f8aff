import { profileExportPipeline, type ExportPipelineDependencies } from '../../../domain/exports/pipeline.ts';
import { dynamoExportStore } from '../../adapters/dynamo/export-store.ts';
import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { dynamoRenderedPdfIndex } from '../../adapters/dynamo/rendered-pdf-index.ts';
import { packageZip } from '../../adapters/s3/zip-packager.ts';
import { jobQueue } from '../../adapters/sqs/job-queue.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv, supportEmail } from '../env.ts';
import { systemClock } from '../runtime.ts';
import { linkWiring } from './links.ts';

/**
 * The export workers' composition (functions/workers/export-learners.ts, package-export.ts). Each
 * worker passes its own `documents`: only the one that renders imports the renderer, so the
 * packaging worker's bundle carries no PDF code or fonts.
 */
export const profileExportPipelineWiring = (documents: ExportPipelineDependencies['documents']) => {
  const tableName = requiredEnv(envNames.tableName);
  return profileExportPipeline({
    store: dynamoExportStore(tableName),
    learners: dynamoLearningStore(tableName),
    documents,
    renderedIndex: dynamoRenderedPdfIndex(tableName),
    links: linkWiring(),
    send: (message) => jobQueue.send(message),
    packager: {
      package: async ({ entries, key, index, expectedBytes }) => {
        const zip = await packageZip({
          entries: (async function* () {
            for await (const entry of entries)
              yield {
                name: entry.name,
                bucket: 'profiles' as const,
                key: entry.pdfKey,
                range: entry.pdfRange,
                indexRow: entry.indexRow,
              };
          })(),
          destination: { bucket: 'exports', key },
          index,
          expectedBytes,
        });
        return { bytes: zip.bytes, entries: zip.entries };
      },
    },
    clock: systemClock,
    appUrl: requiredEnv(envNames.appUrl),
    support: supportEmail(),
  });
};
