import { describe, expect, it } from 'vitest';
import { redactedAudit } from '../../domain/audit/redaction.ts';
import { maskedShareCode } from '../../domain/practice/share-code.ts';

describe('the audit trail keeps no secret', () => {
  it('masks a share code to its last group', () => {
    expect(maskedShareCode('SP-7KQ2-XM9D-4TJH')).toBe('SP-••••-••••-4TJH');
    expect(maskedShareCode('sp 7kq2xm9d4tjh')).toBe('SP-••••-••••-4TJH');
    expect(maskedShareCode('SP-••••-••••-4TJH')).toBe('SP-••••-••••-4TJH');
    expect(maskedShareCode('not a code')).toBe('••••');
  });

  it('masks the code an entry is about, in its subject and its details', () => {
    const entry = redactedAudit({
      at: '2026-11-30T10:00:00Z',
      action: 'code.create',
      subject: 'code:SP-7KQ2-XM9D-4TJH',
      details: { groupId: 'g1', code: 'SP-7KQ2-XM9D-4TJH', product: 'expert' },
    });
    expect(entry).toEqual({
      at: '2026-11-30T10:00:00Z',
      action: 'code.create',
      subject: 'code:SP-••••-••••-4TJH',
      details: { groupId: 'g1', code: 'SP-••••-••••-4TJH', product: 'expert' },
    });
    expect(JSON.stringify(entry)).not.toContain('7KQ2');
    expect(JSON.stringify(entry)).not.toContain('XM9D');
  });

  it('drops token and secret fields whatever they hold, and leaves other entries alone', () => {
    const entry = redactedAudit({
      subject: 'invitation:i1',
      details: { email: 'a@b.c', token: 'tok', acceptToken: 'tok2', linkSecret: 's' },
    });
    expect(entry).toEqual({ subject: 'invitation:i1', details: { email: 'a@b.c' } });
  });

  it('redacts at any depth: nested secrets and links dropped, lists of codes masked', () => {
    const entry = redactedAudit({
      subject: 'export:e1',
      details: {
        link: { token: 'tok', url: 'https://api/v1/links/tok', recipient: 'a@b.c' },
        codes: ['SP-7KQ2-XM9D-4TJH', 'SP-AAAA-BBBB-CCCC'],
        downloadUrl: 'https://api/v1/links/tok2',
        rows: [{ learnerId: 'l1', acceptToken: 'x' }],
      },
    });
    expect(entry.details).toEqual({
      link: { recipient: 'a@b.c' },
      codes: ['SP-••••-••••-4TJH', 'SP-••••-••••-CCCC'],
      rows: [{ learnerId: 'l1' }],
    });
  });
});
