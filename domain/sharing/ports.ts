import type { OutgoingMessage } from '../../events/message.ts';
import type { Page, PageRequest } from '../kernel.ts';
import type {
  Course,
  CourseAssignment,
  SharedTeam,
  StaffShare,
  StaffShareJob,
  SupplierLink,
} from './model.ts';

/** Who acts, as the stores write it into both organisations' audit trails. */
export interface AuditActor {
  org: string;
  userId: string;
  email?: string | undefined;
}

/** The outcome of sharing one staff member under a job. */
export type StaffShareOutcome =
  /** Newly shared (or shared by this very job before, in an earlier delivery of its message). */
  | 'shared'
  /** Shared before, by another job: nothing changed but, perhaps, a team added. */
  | 'already'
  /** The link changed under the job (unlinked meanwhile): nothing written. */
  | 'unlinked';

/**
 * The sharing grants on the table. Every read here is strongly consistent (GetItem, or a Query of the
 * base table with ConsistentRead), never a GSI that may lag behind a revocation.
 */
export interface SharingStore {
  /** Records the link on both sides with an audit entry on each; false when already linked. */
  link(link: SupplierLink, actor: AuditActor): Promise<boolean>;
  /** The client's side of the link. */
  supplierLink(clientOrg: string, supplierOrg: string): Promise<SupplierLink | undefined>;
  /** The supplier's side of the link (the same facts). */
  clientLink(supplierOrg: string, clientOrg: string): Promise<SupplierLink | undefined>;
  /** Every supplier the client is linked with (a handful). */
  linkedSuppliers(clientOrg: string): Promise<SupplierLink[]>;
  clients(supplierOrg: string, page: PageRequest): Promise<Page<SupplierLink>>;
  /**
   * Removes the link on both sides with audit entries; false when there was none. What was shared
   * under it stops counting at once (its `linkId` is gone); the store then clears those items.
   */
  unlink(link: SupplierLink, actor: AuditActor, at: string): Promise<boolean>;

  /** Shares a team under the current link (counted on it); false when already shared under it. */
  shareTeam(team: SharedTeam, actor: AuditActor): Promise<boolean>;
  sharedTeam(supplierOrg: string, clientOrg: string, teamId: string): Promise<SharedTeam | undefined>;
  /** Teams shared under the link `linkId`. */
  sharedTeams(
    supplierOrg: string,
    clientOrg: string,
    linkId: string,
    page: PageRequest,
  ): Promise<Page<SharedTeam>>;

  /** Records the job with its audit entry and, in the outbox, the message that carries it out. */
  createShareJob(
    job: StaffShareJob,
    actor: AuditActor,
    owed: { outbox: readonly OutgoingMessage[] },
  ): Promise<void>;
  shareJob(jobId: string): Promise<StaffShareJob | undefined>;
  /** Idempotent: a job already done keeps its first record. */
  completeShareJob(
    jobId: string,
    counts: { shared: number; alreadyShared: number; skipped: number },
    at: string,
  ): Promise<void>;

  /**
   * Shares one staff member (both sides, audit on each) unless already shared under the link; when
   * already shared, adds the team if it is new. Refuses to write if the link is no longer `linkId`.
   */
  shareStaffMember(share: StaffShare, actor: AuditActor): Promise<StaffShareOutcome>;
  /** The client's side of a share: the grant every client read checks. */
  staffShare(clientOrg: string, staffId: string): Promise<StaffShare | undefined>;
  /** The supplier's side of several shares (missing ones left out). */
  sharesOf(supplierOrg: string, clientOrg: string, staffIds: string[]): Promise<StaffShare[]>;
  /** Shares seen by the client, filtered by supplier and/or team. */
  clientStaff(
    clientOrg: string,
    filter: { supplierOrg?: string | undefined; teamId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<StaffShare>>;
  /** Shares seen by the supplier, for one client, under the link `linkId`. */
  sharedStaff(
    supplierOrg: string,
    clientOrg: string,
    linkId: string,
    page: PageRequest,
  ): Promise<Page<StaffShare>>;
  /** Removes both sides of a share with audit entries; false when there was none. */
  revokeStaff(share: StaffShare, actor: AuditActor, at: string): Promise<boolean>;

  createCourse(clientOrg: string, course: Course, actor: AuditActor): Promise<void>;
  course(clientOrg: string, courseId: string): Promise<Course | undefined>;
  courses(clientOrg: string, page: PageRequest): Promise<Page<Course>>;
  /**
   * Records the assignment with audit entries on both sides and, in the outbox, its email; refused
   * (false) when the share `shareId` no longer stands.
   */
  assignCourse(
    clientOrg: string,
    assignment: CourseAssignment,
    shareId: string,
    actor: AuditActor,
    owed: { outbox: readonly OutgoingMessage[] },
  ): Promise<boolean>;
  courseAssignments(clientOrg: string, staffId: string, page: PageRequest): Promise<Page<CourseAssignment>>;
}
