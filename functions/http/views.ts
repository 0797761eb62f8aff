import type { Assignment } from '../../domain/practice/model.ts';

/** An assignment as its owner sees it: no internal owner or tenant fields. */
export const assignmentView = ({
  org: _org,
  userId: _user,
  createdAt: _created,
  ...assignment
}: Assignment) => assignment;
