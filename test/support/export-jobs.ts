import type { ExportJob } from '../../domain/exports/model.ts';

/** A bulk export job as the request records it: nothing settled yet, every learner remaining. */
export const freshExportJob = (
  action: 'download' | 'share',
  total: number,
  named: Partial<ExportJob> = {},
): ExportJob => ({
  id: 'job1',
  org: 'org1',
  teamId: 't1',
  action,
  language: 'en',
  delivery: action === 'share' ? 'link' : undefined,
  requestedBy: 'u1',
  requesterEmail: 'rita@example.com',
  requestedAt: '2026-03-01T12:00:00.000Z',
  total,
  rendered: 0,
  delivered: 0,
  failed: 0,
  remaining: total,
  stage: 'rendering',
  parts: 1,
  ...named,
});
