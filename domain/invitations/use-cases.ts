import { emailTags } from '../../events/email-subject.ts';
import { emailView } from '../delivery/email-status.ts';
import { queueEmail } from '../../events/email.ts';
import {
  invitationExpiryMessages,
  invitationReminderMessages,
  scheduleNames,
  type OneTimeSchedules,
} from '../../events/schedules.ts';
import { assignmentReminderEmail, invitationReminderEmail } from '../documents/emails/reminder-emails.ts';
import { resolveLanguage } from '../documents/languages.ts';
import type { Actor, Clock, IdGenerator, PageRequest, RandomBytes } from '../kernel.ts';
import { invitationEmail, profileReadyEmail } from '../documents/emails/invitation-emails.ts';
import { acceptedBefore, acceptLink } from '../acceptance.ts';
import { normaliseEmail } from '../email-address.ts';
import { ConflictError, GoneError, NotFoundError } from '../errors.ts';
import type { ProfileResults } from '../learning/model.ts';
import { emptyUses, type Assignment, type Group } from '../practice/model.ts';
import type { CountedProduct } from '../products.ts';
import {
  daysAfter,
  isExpired,
  nextReminderAllowedAt,
  releaseTime,
  reminderView,
  type Invitation,
  type UserProfile,
} from './model.ts';
import { invitedProfiles } from './profiles.ts';
import type { InvitationStore, Outbox, ReleaseSchedules } from './ports.ts';

export interface InvitationDependencies {
  store: InvitationStore;
  schedules: ReleaseSchedules;
  /** Expiry and reminder schedules (events/schedules.ts). */
  oneTime: OneTimeSchedules;
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
  /** After this many days it can no longer be accepted and its use returns. */
  expiresInDays?: number | undefined;
  /** Days after sending on which the invitee is reminded (each before any expiry). */
  remindAfterDays?: number[] | undefined;
  /** The invitee's language for reminders. */
  language?: string | undefined;
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
  const { store, schedules, oneTime, outbox, clock, ids, random, appUrl, support } = deps;
  const now = () => clock.now().toISOString();

  const emailOf = (actor: Actor, input: InvitationRequest, token: string, withhold: boolean) =>
    invitationEmail({
      inviterName: actor.name ?? actor.email,
      product: input.product,
      includeCareerGuide: input.includeCareerGuide ?? false,
      withhold,
      message: input.message,
      acceptUrl: acceptLink(appUrl, 'invitations', token),
      invitedEmail: normaliseEmail(input.email),
      support,
    });

  async function existingInvitation(org: string, invitationId: string) {
    const invitation = await store.invitation(org, invitationId);
    if (!invitation) throw new NotFoundError('Invitation');
    return invitation;
  }

  /** Every schedule an invitation may have besides its release: its expiry and its reminders. */
  const otherSchedules = (invitation: Pick<Invitation, 'id' | 'reminders' | 'expiresAt'>) => [
    ...(invitation.expiresAt ? [scheduleNames.invitationExpiry(invitation.id)] : []),
    ...(invitation.reminders ?? []).flatMap((r) =>
      r.day === undefined ? [] : [scheduleNames.invitationReminder(invitation.id, r.day)],
    ),
  ];
  /** Accepted, revoked or expired: its reminders (and expiry) have nothing left to do. */
  const cancelOtherSchedules = async (invitation: Invitation | undefined) => {
    if (invitation) await Promise.all(otherSchedules(invitation).map((name) => oneTime.cancel(name)));
  };

  const reminderEmail = async (invitation: Invitation) => {
    const token = await store.acceptToken(invitation);
    if (!token) return undefined;
    return invitationReminderEmail({
      inviterName: invitation.sentByName ?? 'Your practitioner',
      language: invitation.language,
      acceptUrl: acceptLink(appUrl, 'invitations', token),
      expiresAt: invitation.expiresAt,
      support,
    });
  };

  const invitationView = async (invitation: Invitation) => {
    const {
      org: _org,
      sentBy: _by,
      reminders: _reminders,
      lastEmailedAt: _last,
      emailDelivery: _delivery,
      ...visible
    } = invitation;
    const profile = invitation.profileId ? await store.profileOfInvitation(invitation) : undefined;
    // The practitioner sees the results at once, withheld or not.
    return {
      ...visible,
      reminders: reminderView(invitation),
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
        ...(input.language ? { language: resolveLanguage(input.language) } : {}),
        status: 'sent',
        sentAt,
        sentBy: actor.userId,
        sentByName: actor.name,
        lastEmailedAt: sentAt,
        ...(input.expiresInDays ? { expiresAt: daysAfter(sentAt, input.expiresInDays) } : {}),
        reminders: [...new Set(input.remindAfterDays ?? [])]
          .sort((a, b) => a - b)
          .map((day) => ({ day, at: daysAfter(sentAt, day), status: 'scheduled' as const })),
      };
      // The email it owes, checked by its producer before anything is spent, and recorded in the
      // outbox with the invitation: no invitation is ever recorded without its email on the way.
      const email = queueEmail({
        dedupeKey: `invitation:${id}`,
        to: [invitation.email],
        ...emailOf(actor, input, token, withhold),
        tags: emailTags({ kind: 'invitation', org: actor.org, invitation: id }),
      });
      // The schedule first: if it cannot be made, nothing has been spent or recorded yet.
      if (withhold) await schedules.create(actor.org, id, invitation.releaseAt!);
      const cancelAll = () =>
        Promise.all([
          ...(withhold ? [schedules.cancel(id)] : []),
          ...otherSchedules(invitation).map((name) => oneTime.cancel(name)),
        ]);
      try {
        if (invitation.expiresAt)
          await oneTime.create(
            scheduleNames.invitationExpiry(id),
            invitation.expiresAt,
            invitationExpiryMessages.produce({ org: actor.org, invitationId: id }),
          );
        for (const reminder of invitation.reminders ?? [])
          await oneTime.create(
            scheduleNames.invitationReminder(id, reminder.day!),
            reminder.at,
            invitationReminderMessages.produce({ org: actor.org, invitationId: id, day: reminder.day! }),
          );
      } catch (error) {
        await cancelAll().catch(() => undefined);
        throw error;
      }
      let outcome: Awaited<ReturnType<typeof store.create>>;
      try {
        outcome = await store.create(actor, invitation, token, newGroup, { outbox: [email] });
      } catch (error) {
        // The write failed (throttled, conflicts retried out…) or only its answer was lost: the
        // schedule goes unless the invitation was recorded after all. The write's error is the one
        // the caller sees, whatever happens to the clean-up.
        if (!(await store.invitation(actor.org, id).catch(() => undefined)))
          await cancelAll().catch(() => undefined);
        throw error;
      }
      if (outcome !== 'created') {
        await cancelAll();
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
        ...(invitation.expiresAt ? { expiresAt: invitation.expiresAt } : {}),
        reminders: reminderView(invitation),
        includeCareerGuide: invitation.includeCareerGuide,
        groupIds: invitation.groupIds,
        sentAt,
      };
    },

    async invitations(org: string, status: Invitation['status'] | undefined, page: PageRequest) {
      const found = await store.invitations(org, status, page);
      return { items: await Promise.all(found.items.map(invitationView)), next: found.next };
    },

    /**
     * One invitation, with what became of its email (api.md: `email: {status, at}` on this route;
     * lists and other answers keep `email` as the address): `queued` until SES accepts it.
     */
    async invitation(org: string, invitationId: string) {
      const invitation = await existingInvitation(org, invitationId);
      const delivery = emailView(invitation.emailDelivery) ?? {
        status: 'queued' as const,
        at: invitation.sentAt,
      };
      return { ...(await invitationView(invitation)), email: { address: invitation.email, ...delivery } };
    },

    async revoke(actor: Actor, invitationId: string) {
      const outcome = await store.revoke(actor, invitationId, now());
      if (outcome === 'not-found') throw new NotFoundError('Invitation');
      if (outcome === 'already-accepted')
        throw new ConflictError('ALREADY_ACCEPTED', 'An accepted invitation cannot be revoked.');
      await schedules.cancel(invitationId);
      await cancelOtherSchedules(await store.invitation(actor.org, invitationId));
    },

    /**
     * Fired by its expiry schedule: an invitation still `sent` expires and its use returns, once
     * (conditional on `sent`, so it races an acceptance or a revocation with one winner).
     */
    async expire(org: string, invitationId: string) {
      return store.expire(org, invitationId, now());
    },

    /**
     * Fired by a reminder schedule: the invitee is emailed the same accept link, once per scheduled
     * day, and only while the invitation is open: after an acceptance, a revocation or the expiry
     * it sends nothing.
     */
    async remindScheduled(org: string, invitationId: string, day: number) {
      const invitation = await store.invitation(org, invitationId);
      const reminder = invitation?.reminders?.find((r) => r.day === day);
      if (!invitation || invitation.status !== 'sent' || reminder?.status !== 'scheduled')
        return 'nothing-to-do' as const;
      // At most one email a day: a manual reminder within the 24 h before this one's time (or
      // after it, the schedule having come late) takes its place; it is cancelled, not sent.
      const last = Date.parse(invitation.lastEmailedAt ?? invitation.sentAt);
      if (last > Date.parse(reminder.at) - 24 * 60 * 60 * 1000) {
        const skipped = await store.remind(
          invitation,
          { day, at: now(), skip: true },
          { org, userId: 'scheduler' },
          { outbox: [] },
        );
        return skipped === 'reminded' ? ('skipped' as const) : ('nothing-to-do' as const);
      }
      const rendered = await reminderEmail(invitation);
      if (!rendered) return 'nothing-to-do' as const;
      const email = queueEmail({
        dedupeKey: `invitation-reminder:${invitationId}:${day}`,
        to: [invitation.email],
        ...rendered,
        tags: emailTags({ kind: 'invitation', org, invitation: invitationId }),
      });
      return store.remind(invitation, { day, at: now() }, { org, userId: 'scheduler' }, { outbox: [email] });
    },

    /**
     * Every member of the group whose assignment is not finished is emailed a reminder, each at
     * most once per 24 h (a conditional write per member, so two requests at once email nobody twice).
     */
    async remindGroup(actor: Actor, groupId: string) {
      const groupName = await store.groupName(actor.org, groupId);
      if (groupName === undefined) throw new NotFoundError('Group');
      const at = now();
      const dayBefore = Date.parse(at) - 24 * 60 * 60 * 1000;
      const due = (await store.unfinishedMembers(actor.org, groupId)).filter(
        (m) => m.lastRemindedAt === undefined || Date.parse(m.lastRemindedAt) <= dayBefore,
      );
      const outcomes = await Promise.all(
        due.map((member) => {
          const email = queueEmail({
            dedupeKey: `group-reminder:${groupId}:${member.userId}:${at}`,
            to: [member.email],
            ...assignmentReminderEmail({
              groupName,
              language: undefined,
              url: `${appUrl}/assignments`,
              support,
            }),
            tags: emailTags({ kind: 'group-reminder', org: actor.org, group: groupId }),
          });
          return store.remindMember(actor, groupId, member.userId, at, { outbox: [email] });
        }),
      );
      return { reminded: outcomes.filter((o) => o === 'reminded').length };
    },

    /** A reminder now, by the practitioner: at most one email a day (409 REMINDER_TOO_SOON). */
    async remindNow(actor: Actor, invitationId: string): Promise<{ invitationId: string; at: string }> {
      const invitation = await existingInvitation(actor.org, invitationId);
      if (invitation.status === 'accepted')
        throw new ConflictError('ALREADY_ACCEPTED', 'This invitation was already accepted.');
      if (invitation.status === 'revoked')
        throw new GoneError('INVITATION_REVOKED', 'This invitation was revoked.');
      if (isExpired(invitation, clock.now()))
        throw new GoneError('INVITATION_EXPIRED', 'This invitation has expired.');
      const tooSoon = () => {
        const retryAfter = nextReminderAllowedAt(invitation, clock.now()) ?? now();
        return new ConflictError(
          'REMINDER_TOO_SOON',
          'The invitee was emailed less than 24 hours ago; try again later.',
          [{ path: 'retryAfter', message: retryAfter }],
        );
      };
      if (nextReminderAllowedAt(invitation, clock.now())) throw tooSoon();
      const at = now();
      const rendered = await reminderEmail(invitation);
      if (!rendered) throw new NotFoundError('Invitation');
      const email = queueEmail({
        dedupeKey: `invitation-reminder:${invitationId}:${at}`,
        to: [invitation.email],
        ...rendered,
        tags: emailTags({ kind: 'invitation', org: actor.org, invitation: invitationId }),
      });
      if ((await store.remind(invitation, { at }, actor, { outbox: [email] })) === 'not-open') {
        // Another reminder, an acceptance or a revocation came first: answer as the state now says.
        return this.remindNow(actor, invitationId);
      }
      return { invitationId, at };
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
        return [
          queueEmail({
            dedupeKey: `ready:${invitationId}`,
            to: [invitation.email],
            ...ready,
            tags: emailTags({ kind: 'release', org, invitation: invitationId }),
          }),
        ];
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
      if (invitation.status !== 'accepted' && isExpired(invitation, clock.now()))
        throw new GoneError('INVITATION_EXPIRED', 'This invitation has expired.');
      if (acceptedBefore(invitation, user, 'invitation')) {
        const assignment = (await store.assignment(user.userId, invitation.assignmentId!))!;
        return { assignment, firstTime: false };
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
      // Its reminders and expiry have nothing left to do (and would find nothing if they fired).
      await cancelOtherSchedules(invitation).catch(() => undefined);
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
