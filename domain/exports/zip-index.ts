/**
 * The index a download export's zip carries: one row per PDF, so whoever opens the zip can tell
 * whose file is whose (two learners of one name get numbered files). The packager writes it as
 * CSV; what the columns are is decided here.
 */
export const zipIndex = {
  /** Never taken by a PDF: every PDF's name starts with `Profile - `. */
  name: 'index.csv',
  header: ['learner', 'email', 'language', 'completed', 'file'],
} as const;

export function zipIndexRow(row: {
  learnerName: string;
  email: string;
  language: string;
  completedAt: string;
  fileName: string;
}): string[] {
  return [row.learnerName, row.email, row.language, row.completedAt.slice(0, 10), row.fileName];
}
