import { describe, expect, it, vi } from 'vitest';
import { zipFileNames } from '../../domain/exports/file-names.ts';
import { zipIndex, zipIndexRow } from '../../domain/exports/zip-index.ts';

const completedAt = '2026-03-01T09:30:00.000Z';

describe('file names in an export zip', () => {
  it('say whose profile it is, from when and in which language', () => {
    expect(zipFileNames().claim({ personName: 'Łukasz Żółć', completedAt, language: 'pl' })).toBe(
      'Profile - Łukasz Żółć - 2026-03-01 (pl).pdf',
    );
  });

  it('never let two learners of the same name overwrite each other', () => {
    const names = zipFileNames();
    const claimed = [1, 2, 3].map(() =>
      names.claim({ personName: 'Anna Müller', completedAt, language: 'de' }),
    );
    expect(claimed).toEqual([
      'Profile - Anna Müller - 2026-03-01 (de).pdf',
      'Profile - Anna Müller - 2026-03-01 (de) 2.pdf',
      'Profile - Anna Müller - 2026-03-01 (de) 3.pdf',
    ]);
  });

  it('number thousands of files of one name with one look-up each, not one per earlier file', () => {
    // A team exported whole may hold one name thousands of times (test accounts, one date): each
    // new file must not probe every earlier number again. Counted, not timed: the look-ups into
    // the set of taken names are the work, whatever the machine's speed.
    const count = 1_500;
    const names = zipFileNames();
    const lookUps = vi.spyOn(Set.prototype, 'has');
    let last = '';
    try {
      for (let i = 0; i < count; i++)
        last = names.claim({ personName: 'Anna Müller', completedAt, language: 'de' });
      expect(lookUps.mock.calls.length).toBeLessThanOrEqual(count);
    } finally {
      lookUps.mockRestore();
    }
    expect(last).toBe(`Profile - Anna Müller - 2026-03-01 (de) ${count}.pdf`);
  });

  it('keep the same name apart when dates or languages differ', () => {
    const names = zipFileNames();
    expect(names.claim({ personName: 'Anna Müller', completedAt, language: 'de' })).toMatch(/\(de\)\.pdf$/);
    expect(names.claim({ personName: 'Anna Müller', completedAt, language: 'en' })).toMatch(/\(en\)\.pdf$/);
  });

  it('treat names differing only in case or Unicode normalisation as the same file', () => {
    // Windows and macOS unzip these onto one file; the second must get its own name.
    const names = zipFileNames();
    names.claim({ personName: 'José Ortiz', completedAt, language: 'es' });
    expect(names.claim({ personName: 'JOSE\u0301 ORTIZ', completedAt, language: 'es' })).toBe(
      'Profile - JOSÉ ORTIZ - 2026-03-01 (es) 2.pdf',
    );
  });

  it('keep path separators and bidi controls out', () => {
    const name = zipFileNames().claim({
      personName: '../etc/Mallory\u202Efdp.exe',
      completedAt,
      language: 'en',
    });
    expect(name).not.toMatch(/[/\\\u202e]/);
    expect(name.endsWith('(en).pdf')).toBe(true);
  });

  it('shorten very long names without splitting a character', () => {
    const name = zipFileNames().claim({ personName: '😀'.repeat(300), completedAt, language: 'en' });
    // 150 bytes hold 37 four-byte emoji; a 38th would be cut in half.
    expect(new TextEncoder().encode(name).byteLength).toBeLessThan(255);
    expect(name).toBe(`Profile - ${'😀'.repeat(37)} - 2026-03-01 (en).pdf`);
  });
});

describe('the zip index', () => {
  it('has one row per PDF: learner, email, language, completed date and file name', () => {
    expect(zipIndex.header).toEqual(['learner', 'email', 'language', 'completed', 'file']);
    expect(
      zipIndexRow({
        learnerName: 'Zoë Ñúñez',
        email: 'zoe@example.com',
        language: 'es',
        completedAt,
        fileName: 'Profile - Zoë Ñúñez - 2026-03-01 (es).pdf',
      }),
    ).toEqual([
      'Zoë Ñúñez',
      'zoe@example.com',
      'es',
      '2026-03-01',
      'Profile - Zoë Ñúñez - 2026-03-01 (es).pdf',
    ]);
  });
});
