import { exportStepMessage } from '../../events/profile-export.ts';
import { queues } from '../../events/queues.ts';
import { sqsWorker } from '../shared/worker.ts';
import { s3ProfileDocuments } from '../adapters/s3/profile-documents.ts';
import { profileExportPipelineWiring } from '../shared/wiring/export-pipeline.ts';

const pipeline = profileExportPipelineWiring(s3ProfileDocuments());

/**
 * The exports queue's worker: a job's start (split into chunks), its chunks of learners (render, and
 * for a share, email each), and a share's summary (domain/exports/pipeline.ts). The queue's last
 * delivery of a chunk records a learner that still fails as failed instead of throwing, so the job
 * ends instead of waiting on a message in the DLQ.
 */
export const handler = sqsWorker(exportStepMessage, async (message, record) => {
  const last = Number(record.attributes.ApproximateReceiveCount) >= queues.exports.maxReceiveCount;
  switch (message.type) {
    case 'export.start':
      return pipeline.start(message.jobId);
    case 'export.chunk':
      return pipeline.chunk(message, { last });
    case 'export.summary':
      return pipeline.summary(message.jobId);
  }
});
