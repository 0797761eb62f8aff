import type { Actor, Page, PageRequest } from '../kernel.ts';
import type { Assignment, Group } from '../practice/model.ts';
import type { RenderedEmail } from '../documents/emails/profile-share-email.ts';
import type { Invitation, UserProfile } from './model.ts';

export interface InvitationStore {
  /** Spends one use and records the invitation (and a new group) in one transaction. */
  create(
    actor: Actor,
    invitation: Invitation,
    token: string,
    newGroup: Group | undefined,
  ): Promise<'created' | 'insufficient-balance' | 'group-not-found'>;
  invitation(org: string, invitationId: string): Promise<Invitation | undefined>;
  /** Whether every one of these groups is the organisation's and not deleted (what `create` checks). */
  groupsExist(org: string, groupIds: readonly string[]): Promise<boolean>;
  invitations(
    org: string,
    status: Invitation['status'] | undefined,
    page: PageRequest,
  ): Promise<Page<Invitation>>;
  byToken(token: string): Promise<Invitation | undefined>;
  /** Refunds the use; only while not accepted. */
  revoke(
    actor: Actor,
    invitationId: string,
    at: string,
  ): Promise<'revoked' | 'already-revoked' | 'already-accepted' | 'not-found'>;
  accept(
    invitation: Invitation,
    user: Actor,
    assignment: Assignment,
    at: string,
  ): Promise<'accepted' | 'not-open'>;
  /** Sets releasedAt once; 'already' when it was set (or the invitation was revoked). */
  release(
    org: string,
    invitationId: string,
    at: string,
    by: string,
  ): Promise<'released' | 'already' | 'not-found'>;

  assignments(userId: string, page: PageRequest): Promise<Page<Assignment>>;
  assignment(userId: string, assignmentId: string): Promise<Assignment | undefined>;
  complete(user: Actor, assignment: Assignment, profile: UserProfile): Promise<'completed' | 'not-pending'>;
  userProfiles(userId: string, page: PageRequest): Promise<Page<UserProfile>>;
  userProfile(userId: string, profileId: string): Promise<UserProfile | undefined>;
  /** The profile an invitation led to (for the practitioner and the release email). */
  profileOfInvitation(invitation: Invitation): Promise<UserProfile | undefined>;
}

export interface ReleaseSchedules {
  /** Idempotent: an existing schedule of the same invitation is left as it is. */
  create(org: string, invitationId: string, at: string): Promise<void>;
  /** Idempotent: a schedule already gone is fine. */
  cancel(invitationId: string): Promise<void>;
}

/** Queues an email for sending; the same dedupe key is sent at most once. */
export interface OutgoingMail {
  send(dedupeKey: string, to: string, email: RenderedEmail): Promise<void>;
}
