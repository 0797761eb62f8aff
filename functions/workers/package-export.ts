import { exportPackageMessage } from '../../events/profile-export.ts';
import { queues } from '../../events/queues.ts';
import { sqsWorker } from '../shared/worker.ts';
import { profileExportPipelineWiring } from '../shared/wiring/export-pipeline.ts';

// Packaging copies PDFs the render step cached; it renders nothing (and bundles no renderer).
const pipeline = profileExportPipelineWiring({
  ensureRendered: () => Promise.reject(new Error('The packaging worker renders nothing.')),
});

/**
 * The packaging queue's worker: streams a download export's PDFs into one zip with its index, emails
 * the requester a link (domain/exports/pipeline.ts). On the queue's last delivery a packaging that
 * still fails is recorded failed, so the job ends `failed` rather than `running` forever.
 */
export const handler = sqsWorker(exportPackageMessage, async (message, record) => {
  const last = Number(record.attributes.ApproximateReceiveCount) >= queues.packaging.maxReceiveCount;
  await pipeline.package(message.jobId, { last });
});
