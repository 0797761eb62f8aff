import { queueEmail } from '../../events/email.ts';
import type { Actor, Clock, IdGenerator, PageRequest, RandomBytes } from '../kernel.ts';
import { invitationEmail, profileReadyEmail } from '../documents/emails/invitation-emails.ts';
import { normaliseEmail } from '../email-address.ts';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../errors.ts';
import type { ProfileResults } from '../learning/model.ts';
import { emptyUses, type Assignment, type Group } from '../practice/model.ts';
import type { CountedProduct } from '../products.ts';
import { releaseTime, type Invitation, type UserProfile } from './model.ts';
import { invitedProfiles } from './profiles.ts';
import type { InvitationStore, Outbox, ReleaseSchedules } from './ports.ts';

export interface InvitationDependencies {
  store: InvitationStore;
  schedules: ReleaseSchedules;
  outbox: Outbox;
  clock: Clock;
  ids: IdGenerator;
  random: RandomBytes;
  appUrl: string;
  support: string;
}

export interface InvitationRequest {
  email: string;
  product: CountedProduct;
  includeCareerGuide?: boolean | undefined;
  groupIds?: string[] | undefined;
  newGroupName?: string | undefined;
  withhold?: boolean | undefined;
  message?: string | undefined;
}

const tokenAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 43 symbols of 6 bits: 258 bits, unguessable. (A byte mod 64 is unbiased: 256 is a multiple of 64.) */
export function invitationToken(random: RandomBytes): string {
  return Array.from(random(43), (byte) => tokenAlphabet[byte % 64]).join('');
}

/**
 * Inviting one person, accepting, revoking, withholding and releasing; and the invitee's side:
 * assignments, completing one, and their profiles (withheld until released).
 */
export function invitationUseCases(deps: InvitationDependencies) {
  const { store, schedules, outbox, clock, ids, random, appUrl, support } = deps;
  const now = () => clock.now().toISOString();
  const acceptUrl = (token: string) => `${appUrl}/invitations/accept?token=${encodeURIComponent(token)}`;

  const emailOf = (actor: Actor, input: InvitationRequest, token: string, withhold: boolean) =>
    invitationEmail({
      inviterName: actor.name ?? actor.email,
      product: input.product,
      includeCareerGuide: input.includeCareerGuide ?? false,
      withhold,
      message: input.message,
      acceptUrl: acceptUrl(token),
      invitedEmail: normaliseEmail(input.email),
      support,
    });

  async function existingInvitation(org: string, invitationId: string) {
    const invitation = await store.invitation(org, invitationId);
    if (!invitation) throw new NotFoundError('Invitation');
    return invitation;
  }

  const invitationView = async (invitation: Invitation) => {
    const { org: _org, sentBy: _by, ...visible } = invitation;
    const profile = invitation.profileId ? await store.profileOfInvitation(invitation) : undefined;
    // The practitioner sees the results at once, withheld or not.
    return {
      ...visible,
      ...(profile
        ? { profile: { id: profile.id, completedAt: profile.completedAt, results: profile.results } }
        : {}),
    };
  };

  const ownProfiles = invitedProfiles(store, clock);
  const profileView = ownProfiles.view;

  return {
    /**
     * Exactly the email `invite` would send; spends and sends nothing. The request is checked as
     * `invite` checks it: a group that is not the organisation's (unknown, deleted, another
     * tenant's) is 404 here too. The balance is not: a preview comes before buying as often as not.
     */
    async preview(actor: Actor, input: InvitationRequest) {
      if (input.groupIds?.length && !(await store.groupsExist(actor.org, input.groupIds))) {
        throw new NotFoundError('Group');
      }
      return emailOf(actor, input, 'PREVIEW', input.withhold ?? false);
    },

    async invite(actor: Actor, input: InvitationRequest) {
      const sentAt = now();
      const id = ids.next();
      const token = invitationToken(random);
      const withhold = input.withhold ?? false;
      const newGroup: Group | undefined = input.newGroupName
        ? {
            id: ids.next(),
            name: input.newGroupName,
            createdAt: sentAt,
            updatedAt: sentAt,
            memberCount: 0,
            uses: emptyUses(),
          }
        : undefined;
      const invitation: Invitation = {
        id,
        org: actor.org,
        email: normaliseEmail(input.email),
        product: input.product,
        includeCareerGuide: input.includeCareerGuide ?? false,
        groupIds: [...new Set([...(input.groupIds ?? []), ...(newGroup ? [newGroup.id] : [])])],
        withhold,
        ...(withhold ? { releaseAt: releaseTime(sentAt) } : {}),
        message: input.message,
        status: 'sent',
        sentAt,
        sentBy: actor.userId,
        sentByName: actor.name,
      };
      // The email it owes, checked by its producer before anything is spent, and recorded in the
      // outbox with the invitation: no invitation is ever recorded without its email on the way.
      const email = queueEmail({
        dedupeKey: `invitation:${id}`,
        to: [invitation.email],
        ...emailOf(actor, input, token, withhold),
      });
      // The schedule first: if it cannot be made, nothing has been spent or recorded yet.
      if (withhold) await schedules.create(actor.org, id, invitation.releaseAt!);
      let outcome: Awaited<ReturnType<typeof store.create>>;
      try {
        outcome = await store.create(actor, invitation, token, newGroup, { outbox: [email] });
      } catch (error) {
        // The write failed (throttled, conflicts retried out…) or only its answer was lost: the
        // schedule goes unless the invitation was recorded after all. The write's error is the one
        // the caller sees, whatever happens to the clean-up.
        if (withhold && !(await store.invitation(actor.org, id).catch(() => undefined)))
          await schedules.cancel(id).catch(() => undefined);
        throw error;
      }
      if (outcome !== 'created') {
        if (withhold) await schedules.cancel(id);
        if (outcome === 'group-not-found') throw new NotFoundError('Group');
        throw new ConflictError(
          'INSUFFICIENT_BALANCE',
          `Your balance has no ${input.product} use available.`,
        );
      }
      return {
        id,
        status: invitation.status,
        email: invitation.email,
        product: invitation.product,
        withhold,
        ...(invitation.releaseAt ? { releaseAt: invitation.releaseAt } : {}),
        includeCareerGuide: invitation.includeCareerGuide,
        groupIds: invitation.groupIds,
        sentAt,
      };
    },

    async invitations(org: string, status: Invitation['status'] | undefined, page: PageRequest) {
      const found = await store.invitations(org, status, page);
      return { items: await Promise.all(found.items.map(invitationView)), next: found.next };
    },

    invitation: async (org: string, invitationId: string) =>
      invitationView(await existingInvitation(org, invitationId)),

    async revoke(actor: Actor, invitationId: string) {
      const outcome = await store.revoke(actor, invitationId, now());
      if (outcome === 'not-found') throw new NotFoundError('Invitation');
      if (outcome === 'already-accepted')
        throw new ConflictError('ALREADY_ACCEPTED', 'An accepted invitation cannot be revoked.');
      await schedules.cancel(invitationId);
    },

    /** Releases a withheld profile now: cancels its schedule and tells the invitee once. */
    async releaseNow(actor: Actor, invitationId: string) {
      const invitation = await existingInvitation(actor.org, invitationId);
      if (invitation.status === 'revoked')
        throw new GoneError('INVITATION_REVOKED', 'This invitation was revoked.');
      await this.release(actor.org, invitationId, actor.userId);
      await schedules.cancel(invitationId);
      return invitationView(await existingInvitation(actor.org, invitationId));
    },

    /**
     * The release itself, for the schedule's worker and the early release alike: marks the
     * invitation released once and, if the invitee's profile exists, records the email telling them
     * in the same write. Already released, it tells them again (safely: the email is deduplicated),
     * so a profile completed after the release is still announced by a later release. Redelivery or
     * a race with an early release changes nothing twice.
     */
    async release(org: string, invitationId: string, by: string) {
      const at = now();
      const readyEmail = async (invitation: Invitation | undefined) => {
        if (!invitation?.withhold || invitation.status === 'revoked') return [];
        const profile = await store.profileOfInvitation(invitation);
        if (!profile) return [];
        const ready = profileReadyEmail({
          name: profile.personName,
          profilesUrl: `${appUrl}/profiles`,
          support,
        });
        return [queueEmail({ dedupeKey: `ready:${invitationId}`, to: [invitation.email], ...ready })];
      };
      const before = await store.invitation(org, invitationId);
      if (!before) return 'not-found' as const;
      const outcome = await store.release(org, invitationId, at, by, { outbox: await readyEmail(before) });
      if (outcome !== 'already') return outcome;
      const invitation = await store.invitation(org, invitationId);
      if (invitation?.releasedAt) await outbox.post(await readyEmail(invitation), at);
      return outcome;
    },

    async accept(user: Actor, token: string): Promise<{ assignment: Assignment; firstTime: boolean }> {
      const invitation = await store.byToken(token);
      if (!invitation) throw new NotFoundError('Invitation');
      if (invitation.status === 'revoked')
        throw new GoneError('INVITATION_REVOKED', 'This invitation was revoked.');
      // Only A–Z change case: `\u212Aate@…` (a Kelvin sign) is not `kate@…`, whose invitation it is.
      if (invitation.email !== normaliseEmail(user.email)) {
        throw new ForbiddenError(
          'EMAIL_MISMATCH',
          'Sign in with the email address the invitation was sent to.',
        );
      }
      if (invitation.status === 'accepted') {
        if (invitation.acceptedBy !== user.userId)
          throw new ConflictError('ALREADY_ACCEPTED', 'This invitation was already accepted.');
        return {
          assignment: (await store.assignment(user.userId, invitation.assignmentId!))!,
          firstTime: false,
        };
      }
      const assignment: Assignment = {
        id: ids.next(),
        org: invitation.org,
        userId: user.userId,
        product: invitation.product,
        includeCareerGuide: invitation.includeCareerGuide,
        status: 'pending',
        invitationId: invitation.id,
        ...(invitation.groupIds[0] ? { groupId: invitation.groupIds[0] } : {}),
        createdAt: now(),
      };
      if ((await store.accept(invitation, user, assignment, now())) === 'not-open') {
        return this.accept(user, token);
      }
      return { assignment, firstTime: true };
    },

    assignments: (userId: string, page: PageRequest) => store.assignments(userId, page),

    async complete(user: Actor, assignmentId: string, results: ProfileResults) {
      const assignment = await store.assignment(user.userId, assignmentId);
      if (!assignment) throw new NotFoundError('Assignment');
      if (assignment.status !== 'pending')
        throw new ConflictError('ALREADY_COMPLETED', 'This assignment is already completed.');
      const invitation = assignment.invitationId
        ? await store.invitation(assignment.org, assignment.invitationId)
        : undefined;
      const profile: UserProfile = {
        id: ids.next(),
        userId: user.userId,
        org: assignment.org,
        assignmentId,
        invitationId: assignment.invitationId,
        product: assignment.product,
        includeCareerGuide: assignment.includeCareerGuide,
        personName: user.name ?? user.email,
        completedAt: now(),
        results,
        withhold: invitation?.withhold ?? false,
      };
      if ((await store.complete(user, assignment, profile)) === 'not-pending') {
        throw new ConflictError('ALREADY_COMPLETED', 'This assignment is already completed.');
      }
      return profileView(profile);
    },

    profiles: ownProfiles.list,
  };
}

export type InvitationUseCases = ReturnType<typeof invitationUseCases>;
