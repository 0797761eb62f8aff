import { describe, expect, it } from 'vitest';
import type { ExportedLearner } from '../../events/profile-export.ts';
import type { ExportStore } from '../../domain/exports/model.ts';
import { profileExportUseCases } from '../../domain/exports/use-cases.ts';
import type { Learner } from '../../domain/learning/model.ts';

const learner = (id: string, profiles: { id: string; completedAt: string }[]): Learner => ({
  id,
  name: `Name ${id}`,
  email: `${id}@example.com`,
  preferredLanguage: 'fr',
  createdAt: '2026-01-01T00:00:00.000Z',
  profiles: profiles.map((p) => ({ ...p, product: 'discovery', format: 'pdf' })),
});

describe('requesting an export', () => {
  it('selects each learner’s latest profile with its completion date, so cached chunks need not read profiles', async () => {
    let recorded: ExportedLearner[][] = [];
    const people = [
      learner('a', [
        { id: 'a-old', completedAt: '2025-05-01T10:00:00.000Z' },
        { id: 'a-new', completedAt: '2026-02-01T10:00:00.000Z' },
      ]),
      learner('b', []),
    ];
    const useCases = profileExportUseCases({
      store: {
        createJob: async (_job, parts) => void (recorded = parts),
      } as Partial<ExportStore> as ExportStore,
      learners: {
        team: async () => ({ id: 't', name: 'T', createdAt: '2026-01-01T00:00:00.000Z' }),
        teamMemberIds: async () => ['a', 'b'],
        learnersById: async (_org, ids) => people.filter((p) => ids.includes(p.id)),
      },
      clock: { now: () => new Date('2026-03-01T12:00:00.000Z') },
      ids: { next: () => 'job1' },
      linkOpenings: { openedAt: async () => undefined },
    });

    const job = await useCases.request({ org: 'o', userId: 'u', email: 'u@example.com' }, 't', {
      all: true,
      action: 'download',
      language: 'preferred',
    });

    expect(job).toEqual({ id: 'job1', status: 'queued', total: 1 });
    expect(recorded).toEqual([
      [{ learnerId: 'a', profileId: 'a-new', completedAt: '2026-02-01T10:00:00.000Z', language: 'fr' }],
    ]);
  });
});
