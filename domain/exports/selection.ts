import { ValidationError, type FieldProblem } from '../errors.ts';
import { latestProfile, type Learner, type ProfileSummary } from '../learning/model.ts';

/** The most learners one export job takes (api.md): larger teams are exported in several jobs. */
export const maxExportLearners = 10_000;

/** Who an export covers, as the request says it: listed learners or the whole team, never both. */
export interface ExportSelection {
  learnerIds?: readonly string[] | undefined;
  all?: boolean | undefined;
}

/**
 * The learners an export covers, in the team's order, each once. `members` is the team's current
 * membership. An id that is not a member is refused with the same words whether it is unknown,
 * another organisation's or removed from the team: the answer must not tell a caller which ids exist
 * elsewhere. Every such id gets its own detail so the admin can correct the selection at once.
 */
export function selectExportLearners(selection: ExportSelection, members: readonly string[]): string[] {
  const listed = selection.learnerIds;
  if (listed !== undefined && selection.all === true)
    throw new ValidationError('Choose learners or the whole team, not both.', [
      { path: 'all', message: 'all cannot be combined with learnerIds' },
    ]);
  if (selection.all === true) return atLeastOneAtMost(members, 'all');
  if (listed === undefined)
    throw new ValidationError('Choose learners or the whole team.', [
      { path: 'learnerIds', message: 'learnerIds or all is required' },
    ]);
  const unique = [...new Set(listed)];
  const memberSet = new Set(members);
  const strangers: FieldProblem[] = unique
    .filter((id) => !memberSet.has(id))
    .map((id) => ({ path: 'learnerIds', message: `${id} is not a member of this team` }));
  if (strangers.length > 0)
    throw new ValidationError('Some learners are not members of this team.', strangers);
  return atLeastOneAtMost(unique, 'learnerIds');
}

function atLeastOneAtMost(ids: readonly string[], path: string): string[] {
  if (ids.length === 0)
    throw new ValidationError('Choose at least one learner.', [
      { path, message: 'at least one learner is required' },
    ]);
  if (ids.length > maxExportLearners)
    throw new ValidationError(`An export takes at most ${maxExportLearners} learners.`, [
      { path, message: `at most ${maxExportLearners} learners per export` },
    ]);
  return [...ids];
}

/** The profile an export uses for a learner: only the latest, whatever its format (seed 001). */
export const exportedProfile = (learner: Pick<Learner, 'profiles'>): ProfileSummary | undefined =>
  latestProfile(learner);

/** What the summary route answers before anything starts: who would be exported and who skipped. */
export interface ExportSelectionSummary {
  selected: number;
  withLatestProfile: number;
  withoutProfile: string[];
}

/**
 * Counts one page of selected learners at a time, so a 10,000-learner team is summarised page by
 * page; `withoutProfile` lists the learners skipped for having no profile, in the order they came.
 */
export function selectionSummary() {
  const summary: ExportSelectionSummary = { selected: 0, withLatestProfile: 0, withoutProfile: [] };
  return {
    add(learners: readonly Pick<Learner, 'id' | 'profiles'>[]) {
      for (const learner of learners) {
        summary.selected += 1;
        if (exportedProfile(learner)) summary.withLatestProfile += 1;
        else summary.withoutProfile.push(learner.id);
      }
    },
    result: (): ExportSelectionSummary => ({ ...summary, withoutProfile: [...summary.withoutProfile] }),
  };
}
