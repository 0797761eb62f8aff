import type { EmailDelivery } from '../delivery/email-status.ts';
/**
 * Sharing across tenants (seed 002): a client organisation links a supplier organisation, shares some
 * of its teams with it, and the supplier shares staff (its learners) with the client, who sees their
 * latest profile and issues them courses. Each grant is an item both sides can find, and every read
 * of the client's side checks the grant itself with a strongly consistent read (design.md, "Sharing
 * across tenants"), so a revocation or an unlink takes effect on the next request.
 */

/**
 * A client's link to a supplier. `linkId` names this link's generation: whatever was shared under
 * it (teams, staff) counts only while the link with that id stands, so unlinking hides it all at
 * once and linking again later does not bring it back.
 */
export interface SupplierLink {
  clientOrg: string;
  supplierOrg: string;
  linkId: string;
  /** How each side is named to the other (organisations have no names of their own here). */
  clientName: string;
  supplierName: string;
  linkedAt: string;
  linkedBy: string;
  /** Teams of the client the supplier may pick, counted with each team shared. */
  sharedTeams: number;
}

/** A team of the client's that a linked supplier may pick when sharing staff. */
export interface SharedTeam {
  clientOrg: string;
  supplierOrg: string;
  linkId: string;
  teamId: string;
  name: string;
  sharedAt: string;
  sharedBy: string;
}

/**
 * One staff member (a learner of the supplier) shared with one client: the grant. `shareId` names
 * this grant's generation, so a download link issued under it dies with it, even if the same person
 * is shared again later; `jobId` is the share job that made it.
 */
export interface StaffShare {
  clientOrg: string;
  supplierOrg: string;
  staffId: string;
  linkId: string;
  shareId: string;
  jobId: string;
  /** The client's teams the staff member was added to. */
  teamIds: string[];
  sharedAt: string;
  sharedBy: string;
}

/** The notice a supplier sees once a share is accepted (seed 002, exact wording). */
export const staffShareNotice = 'Staff sharing successful! The staff will be added to the client shortly.';

/** A staff share request, carried out by the share-staff worker. */
export interface StaffShareJob {
  id: string;
  supplierOrg: string;
  clientOrg: string;
  linkId: string;
  teamId?: string | undefined;
  staffIds: string[];
  status: 'queued' | 'done';
  requestedAt: string;
  requestedBy: string;
  /** Once done: people this job shared, people shared before, people no longer there. */
  shared?: number | undefined;
  alreadyShared?: number | undefined;
  skipped?: number | undefined;
  completedAt?: string | undefined;
}

export type CourseKind = 'onboarding' | 'learn';

export interface Course {
  id: string;
  title: string;
  kind: CourseKind;
  createdAt: string;
  createdBy: string;
}

/** A course issued by a client to one staff member shared with it. */
export interface CourseAssignment {
  /** What became of its email (delivery tracking), once sent. */
  emailDelivery?: EmailDelivery | undefined;
  id: string;
  courseId: string;
  staffId: string;
  supplierOrg: string;
  title: string;
  kind: CourseKind;
  dueAt?: string | undefined;
  assignedAt: string;
  assignedBy: string;
  /** The language the staff member was emailed in (their preferred one). */
  language: string;
}

/** What a download link issued to a client is valid under: the staff share it was issued for. */
export interface StaffShareGrant {
  kind: 'staff-share';
  clientOrg: string;
  staffId: string;
  shareId: string;
}
