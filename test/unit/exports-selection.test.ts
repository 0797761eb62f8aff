import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import type { Learner, ProfileSummary } from '../../domain/learning/model.ts';
import {
  exportedProfile,
  maxExportLearners,
  selectExportLearners,
  selectionSummary,
} from '../../domain/exports/selection.ts';

const members = ['l1', 'l2', 'l3'];

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('export selection', () => {
  it('takes the listed members once each, in the order listed', () => {
    expect(selectExportLearners({ learnerIds: ['l3', 'l1', 'l3'] }, members)).toEqual(['l3', 'l1']);
  });

  it('takes the whole team for all: true', () => {
    expect(selectExportLearners({ all: true }, members)).toEqual(members);
  });

  it('refuses learnerIds together with all', () => {
    const error = refusal(() => selectExportLearners({ learnerIds: ['l1'], all: true }, members));
    expect(error.details).toEqual([{ path: 'all', message: 'all cannot be combined with learnerIds' }]);
  });

  it('refuses a selection that names neither learners nor the whole team', () => {
    expect(refusal(() => selectExportLearners({}, members)).details[0]!.path).toBe('learnerIds');
    expect(refusal(() => selectExportLearners({ all: false }, members)).details[0]!.path).toBe('learnerIds');
  });

  it('refuses an empty list and a whole team with no members', () => {
    expect(refusal(() => selectExportLearners({ learnerIds: [] }, members)).message).toBe(
      'Choose at least one learner.',
    );
    expect(refusal(() => selectExportLearners({ all: true }, [])).message).toBe(
      'Choose at least one learner.',
    );
  });

  it('names every id that is not a member, in the same words whatever the reason', () => {
    // Unknown, another organisation's and removed from the team look alike to the domain and the caller.
    const error = refusal(() =>
      selectExportLearners({ learnerIds: ['l1', 'unknown', 'foreign', 'removed', 'unknown'] }, members),
    );
    expect(error.details).toEqual([
      { path: 'learnerIds', message: 'unknown is not a member of this team' },
      { path: 'learnerIds', message: 'foreign is not a member of this team' },
      { path: 'learnerIds', message: 'removed is not a member of this team' },
    ]);
  });

  it(`refuses more than ${maxExportLearners} learners, listed or the whole team`, () => {
    const big = Array.from({ length: maxExportLearners + 1 }, (_, i) => `l${i}`);
    expect(selectExportLearners({ learnerIds: big.slice(0, maxExportLearners) }, big)).toHaveLength(
      maxExportLearners,
    );
    expect(refusal(() => selectExportLearners({ learnerIds: big }, big)).details[0]!.message).toMatch(
      /at most 10000/,
    );
    expect(refusal(() => selectExportLearners({ all: true }, big)).details[0]!.path).toBe('all');
  });
});

const profile = (id: string, completedAt: string, format: 'pdf' | 'digital' = 'pdf'): ProfileSummary => ({
  id,
  product: 'discovery',
  completedAt,
  format,
});

describe('the exported profile', () => {
  it('is the latest by completion, whatever order the learner lists them in', () => {
    const learner = {
      profiles: [profile('old', '2025-01-01T00:00:00Z'), profile('new', '2026-02-01T00:00:00Z', 'digital')],
    };
    expect(exportedProfile(learner)?.id).toBe('new');
  });

  it('is none for a learner without profiles', () => {
    expect(exportedProfile({ profiles: [] })).toBeUndefined();
  });
});

describe('the selection summary', () => {
  const learner = (id: string, profiles: ProfileSummary[]): Pick<Learner, 'id' | 'profiles'> => ({
    id,
    profiles,
  });

  it('counts learners with a latest profile and lists those without, across pages', () => {
    const summary = selectionSummary();
    summary.add([learner('l1', [profile('p1', '2026-01-01T00:00:00Z')]), learner('l2', [])]);
    summary.add([learner('l3', [profile('p3', '2026-01-02T00:00:00Z', 'digital')]), learner('l4', [])]);
    expect(summary.result()).toEqual({ selected: 4, withLatestProfile: 2, withoutProfile: ['l2', 'l4'] });
  });
});
