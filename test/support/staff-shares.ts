import type { StaffShare } from '../../domain/sharing/model.ts';

/**
 * A supplier's staff member shared with a client, as the sharing store holds it: the fixture of the
 * unit tests of what a share allows (courses, links, the sharing use cases). `over` names what a test
 * is about; the rest is a share that stands.
 */
export const staffShare = (over: Partial<StaffShare> = {}): StaffShare => ({
  clientOrg: 'client',
  supplierOrg: 'supplier',
  staffId: 's1',
  linkId: 'l1',
  shareId: 'g1',
  jobId: 'j1',
  teamIds: [],
  sharedAt: '2026-11-30T00:00:00.000Z',
  sharedBy: 'u',
  ...over,
});
