import { describe, expect, it } from 'vitest';
import { GoneError } from '../../domain/errors.ts';
import { linkUseCases, type LinkRecord, type LinkStore } from '../../domain/links/use-cases.ts';
import { staffShareGrants } from '../../domain/sharing/client-downloads.ts';
import type { StaffShare, StaffShareGrant, SupplierLink } from '../../domain/sharing/model.ts';
import { staffShare } from '../support/staff-shares.ts';

/** A client's download link opens only while the staff share it was issued under stands. */
const grant: StaffShareGrant = { kind: 'staff-share', clientOrg: 'client', staffId: 's1', shareId: 'g1' };
const record: LinkRecord = {
  bucket: 'profiles',
  key: 'k',
  filename: 'f.pdf',
  contentType: 'application/pdf',
  org: 'client',
  recipient: 'c@example.com',
  subject: 'client-staff:s1',
  createdAt: '2026-11-30T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
  grant,
};
const store: LinkStore = {
  issue: async () => 'token',
  find: async (token) => (token === 'token' ? record : undefined),
  markOpened: async () => undefined,
  revokeIssued: async () => false,
};
const clock = { now: () => new Date('2026-11-30T12:00:00.000Z') };
const share = staffShare();
const link = { linkId: 'l1' } as SupplierLink;

const opened = (grants: Parameters<typeof linkUseCases>[0]['grants']) =>
  linkUseCases({ store, clock, apiUrl: 'https://api.example', grants }).open('token');

const grants = (current: { share?: StaffShare; link?: SupplierLink }) =>
  staffShareGrants({
    staffShare: async (clientOrg, staffId) =>
      clientOrg === share.clientOrg && staffId === share.staffId ? current.share : undefined,
    supplierLink: async () => current.link,
  });

describe('a link issued under a staff share', () => {
  it('opens while the share stands', async () => {
    await expect(opened(grants({ share, link }))).resolves.toMatchObject({ key: 'k' });
  });

  it.each([
    ['the share was revoked', { link }],
    ['the staff member was shared again since (another grant)', { share: { ...share, shareId: 'g2' }, link }],
    ['the supplier was unlinked', { share }],
    ['the supplier was linked again since', { share, link: { linkId: 'l2' } as SupplierLink }],
  ])('answers 410 LINK_REVOKED once %s', async (_label, current) => {
    const error = await opened(grants(current)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoneError);
    expect((error as GoneError).code).toBe('LINK_REVOKED');
  });

  it('never opens where no grant check is wired (fails closed)', async () => {
    await expect(opened(undefined)).rejects.toMatchObject({ code: 'LINK_REVOKED' });
  });
});
