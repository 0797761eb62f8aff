import type { Actor, Page, PageRequest } from '../kernel.ts';
import type { Assignment, Group } from '../practice/model.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import type { Invitation, UserProfile } from './model.ts';

export interface InvitationStore {
  /**
   * Spends one use and records the invitation (and a new group) in one transaction, together with
   * the messages it owes (its email) in the outbox: recorded exactly when the invitation is.
   */
  create(
    actor: Actor,
    invitation: Invitation,
    token: string,
    newGroup: Group | undefined,
    owed: { outbox: readonly OutgoingMessage[] },
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
  /** sent → expired, the use back to `available`; 'not-open' once accepted, revoked or expired. */
  expire(org: string, invitationId: string, at: string): Promise<'expired' | 'not-open'>;
  /**
   * Records a reminder and its email (outbox) in one transaction, only while the invitation is
   * `sent`: a scheduled one (`day`) only while still scheduled; a manual one only if the last email
   * is at least 24 h old.
   */
  remind(
    invitation: Invitation,
    /** `skip`: a scheduled one is cancelled instead, another email having gone within 24 h. */
    reminder: { day?: number | undefined; at: string; skip?: boolean | undefined },
    by: { org: string; userId: string; email?: string | undefined },
    owed: { outbox: readonly OutgoingMessage[] },
  ): Promise<'reminded' | 'not-open'>;
  /** A live group's name; undefined for an unknown, deleted or other organisation's group. */
  groupName(org: string, groupId: string): Promise<string | undefined>;
  /** The group's members whose assignment is not completed, with when each was last reminded. */
  unfinishedMembers(
    org: string,
    groupId: string,
  ): Promise<{ userId: string; email: string; lastRemindedAt?: string | undefined }[]>;
  /** Records a member's reminder and its email, only if they were not reminded in the last 24 h. */
  remindMember(
    actor: Actor,
    groupId: string,
    userId: string,
    at: string,
    owed: { outbox: readonly OutgoingMessage[] },
  ): Promise<'reminded' | 'too-soon'>;
  /** The accept token itself (kept sealed), for reminders that carry the same link. */
  acceptToken(invitation: Invitation): Promise<string | undefined>;
  /** Sets releasedAt once; 'already' when it was set (or the invitation was revoked). */
  release(
    org: string,
    invitationId: string,
    at: string,
    by: string,
    owed: { outbox: readonly OutgoingMessage[] },
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

/**
 * Records messages owed by no write of their own (an email repeated for an invitation released
 * before) in the outbox, whose relay sends them to their queues.
 */
export interface Outbox {
  post(messages: readonly OutgoingMessage[], at: string): Promise<void>;
}
