import { exportPackageMessage } from '../../events/profile-export.ts';
import { sqsWorker } from '../shared/worker.ts';
import { profileExportPipelineWiring } from '../shared/wiring/export-pipeline.ts';

// Packaging copies PDFs the render step cached; it renders nothing (and bundles no renderer).
const rendersNothing = () => Promise.reject(new Error('The packaging worker renders nothing.'));
const pipeline = profileExportPipelineWiring({
  ensureRendered: rendersNothing,
  renderTogether: rendersNothing,
  storeAlone: rendersNothing,
});

/**
 * The packaging queue's worker: streams a download export's PDFs into one zip with its index, emails
 * the requester a link (domain/exports/pipeline.ts). A packaging that keeps failing ends in the DLQ,
 * where the dead-letter worker records it failed, so the job ends `failed` rather than `running`.
 */
export const handler = sqsWorker(exportPackageMessage, async (message) => {
  await pipeline.package(message.jobId);
});
