import { queueStaffShare } from '../../events/staff-share.ts';
import { NotFoundError, orNotFound, ValidationError } from '../errors.ts';
import type { Actor, Clock, IdGenerator, PageRequest } from '../kernel.ts';
import { latestProfile, type Learner } from '../learning/model.ts';
import type { LearningStore } from '../learning/ports.ts';
import {
  staffShareNotice,
  type SharedTeam,
  type StaffShare,
  type StaffShareJob,
  type SupplierLink,
} from './model.ts';
import type { SharingStore } from './ports.ts';

/** The staff a supplier picks to share with a client, and the client's team to add them to, if any. */
export interface StaffPick {
  staffIds: string[];
  teamId?: string | undefined;
}

export interface SharingDependencies {
  store: SharingStore;
  /** The supplier's learners (its staff) and the client's teams. */
  learners: Pick<LearningStore, 'learner' | 'learnersById' | 'team'>;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * The grant a client read stands on: the client's side of the share, and the link it was made under
 * still standing. Both strongly consistent reads, so a revocation or an unlink shows on the very next
 * request. Anything else (never shared, revoked, unlinked, another client's) is the same 404.
 */
export async function standingShare(
  store: Pick<SharingStore, 'staffShare' | 'supplierLink'>,
  clientOrg: string,
  staffId: string,
): Promise<{ share: StaffShare; link: SupplierLink } | undefined> {
  const share = await store.staffShare(clientOrg, staffId);
  if (!share) return undefined;
  const link = await store.supplierLink(clientOrg, share.supplierOrg);
  if (!link || link.linkId !== share.linkId) return undefined;
  return { share, link };
}

const linkView = (side: 'client' | 'supplier') => (link: SupplierLink) =>
  side === 'client'
    ? {
        supplierOrgId: link.supplierOrg,
        name: link.supplierName,
        linkedAt: link.linkedAt,
        sharedTeams: link.sharedTeams,
      }
    : {
        clientOrgId: link.clientOrg,
        name: link.clientName,
        linkedAt: link.linkedAt,
        sharedTeams: link.sharedTeams,
      };

const teamView = (team: SharedTeam) => ({ id: team.teamId, name: team.name, sharedAt: team.sharedAt });

const summaryOf = (learner: Learner) => {
  const latest = latestProfile(learner);
  return latest
    ? { id: latest.id, product: latest.product, completedAt: latest.completedAt, format: latest.format }
    : null;
};

/**
 * Links between a client and its suppliers, the teams a client shares with a supplier, and the staff
 * a supplier shares with a client (seed 002). The client's use cases take a client actor, the
 * supplier's a supplier actor; the route table keeps the roles apart, and every lookup here is keyed
 * by the actor's own organisation, so another tenant's ids answer 404.
 */
export function sharingUseCases({ store, learners, clock, ids }: SharingDependencies) {
  const now = () => clock.now().toISOString();

  /** The supplier's view of a link to `clientOrg`, or 404 (never linked, unlinked, unknown). */
  const linkedClient = async (supplierOrg: string, clientOrg: string): Promise<SupplierLink> =>
    orNotFound(await store.clientLink(supplierOrg, clientOrg), 'Client');

  /** The client's view of a link to `supplierOrg`, or 404. */
  const linkedSupplier = async (clientOrg: string, supplierOrg: string): Promise<SupplierLink> =>
    orNotFound(await store.supplierLink(clientOrg, supplierOrg), 'Supplier');

  /**
   * The link to the client (404 if none), the staff a supplier picked, each its own learner (404
   * naming none of them otherwise: an id of another organisation's learner must look exactly like an
   * unknown one), and the team when given, which must be one the client shared under this link.
   */
  async function picked(supplierOrg: string, clientOrg: string, input: StaffPick) {
    const link = await linkedClient(supplierOrg, clientOrg);
    const staffIds = [...new Set(input.staffIds)];
    const staff = await learners.learnersById(supplierOrg, staffIds);
    if (staff.length !== staffIds.length) throw new NotFoundError('Staff member');
    let team: SharedTeam | undefined;
    if (input.teamId !== undefined) {
      team = await store.sharedTeam(supplierOrg, link.clientOrg, input.teamId);
      if (!team || team.linkId !== link.linkId) throw new NotFoundError('Team');
    }
    const byId = new Map(staff.map((learner) => [learner.id, learner]));
    return { link, staff: staffIds.map((id) => byId.get(id)!), team };
  }

  /** Shared under the current link (and into the team, when one is asked about). */
  const counts = (share: StaffShare | undefined, link: SupplierLink, teamId: string | undefined) =>
    share !== undefined &&
    share.linkId === link.linkId &&
    (teamId === undefined || share.teamIds.includes(teamId));

  return {
    // ——— the client's side ———

    /** Links a supplier; linking one already linked answers the link as it stands. */
    async linkSupplier(
      actor: Actor,
      input: { supplierOrgId: string; supplierName?: string | undefined; clientName?: string | undefined },
    ) {
      if (input.supplierOrgId === actor.org)
        throw new ValidationError('An organisation cannot be its own supplier.', [
          { path: 'supplierOrgId', message: 'must be another organisation' },
        ]);
      const link: SupplierLink = {
        clientOrg: actor.org,
        supplierOrg: input.supplierOrgId,
        linkId: ids.next(),
        clientName: input.clientName ?? actor.org,
        supplierName: input.supplierName ?? input.supplierOrgId,
        linkedAt: now(),
        linkedBy: actor.userId,
        sharedTeams: 0,
      };
      if (await store.link(link, actor)) return linkView('client')(link);
      return linkView('client')(await linkedSupplier(actor.org, input.supplierOrgId));
    },

    /** Unlinks: the supplier can share no more, and the client stops seeing its staff at once. */
    async unlinkSupplier(actor: Actor, supplierOrgId: string) {
      const link = await linkedSupplier(actor.org, supplierOrgId);
      if (!(await store.unlink(link, actor, now()))) throw new NotFoundError('Supplier');
    },

    /** Lets the supplier pick one of the client's teams; sharing it again changes nothing. */
    async shareTeam(actor: Actor, supplierOrgId: string, teamId: string) {
      const link = await linkedSupplier(actor.org, supplierOrgId);
      const team = await learners.team(actor.org, teamId);
      if (!team) throw new NotFoundError('Team');
      const shared: SharedTeam = {
        clientOrg: actor.org,
        supplierOrg: supplierOrgId,
        linkId: link.linkId,
        teamId,
        name: team.name,
        sharedAt: now(),
        sharedBy: actor.userId,
      };
      if (await store.shareTeam(shared, actor)) return { supplierOrgId, ...teamView(shared) };
      const existing = await store.sharedTeam(supplierOrgId, actor.org, teamId);
      if (!existing) throw new NotFoundError('Supplier');
      return { supplierOrgId, ...teamView(existing) };
    },

    /**
     * The staff shared with the client, each with their latest profile only. Shares under a link
     * that no longer stands are left out (the store clears them behind an unlink).
     */
    async clientStaff(
      actor: Actor,
      filter: { supplierOrgId?: string | undefined; teamId?: string | undefined },
      page: PageRequest,
    ) {
      const links = new Map((await store.linkedSuppliers(actor.org)).map((link) => [link.supplierOrg, link]));
      const found = await store.clientStaff(
        actor.org,
        { supplierOrg: filter.supplierOrgId, teamId: filter.teamId },
        page,
      );
      const standing = found.items.filter((share) => links.get(share.supplierOrg)?.linkId === share.linkId);
      const bySupplier = new Map<string, string[]>();
      for (const share of standing)
        bySupplier.set(share.supplierOrg, [...(bySupplier.get(share.supplierOrg) ?? []), share.staffId]);
      const people = new Map<string, Learner>();
      for (const [supplierOrg, staffIds] of bySupplier) {
        for (const learner of await learners.learnersById(supplierOrg, staffIds))
          people.set(`${supplierOrg}\n${learner.id}`, learner);
      }
      const items = standing.flatMap((share) => {
        const learner = people.get(`${share.supplierOrg}\n${share.staffId}`);
        if (!learner) return [];
        const link = links.get(share.supplierOrg)!;
        return [
          {
            id: learner.id,
            name: learner.name,
            email: learner.email,
            preferredLanguage: learner.preferredLanguage,
            supplier: { id: link.supplierOrg, name: link.supplierName },
            teamIds: share.teamIds,
            sharedAt: share.sharedAt,
            latestProfile: summaryOf(learner),
          },
        ];
      });
      return { items, next: found.next };
    },

    // ——— the supplier's side ———

    async clients(actor: Actor, page: PageRequest) {
      const found = await store.clients(actor.org, page);
      return { items: found.items.map(linkView('supplier')), next: found.next };
    },

    async clientTeams(actor: Actor, clientOrgId: string, page: PageRequest) {
      const link = await linkedClient(actor.org, clientOrgId);
      const found = await store.sharedTeams(actor.org, clientOrgId, link.linkId, page);
      return { items: found.items.map(teamView), next: found.next };
    },

    /** What a share would do, for the supplier to review: client, team and who is shared already. */
    async shareSummary(actor: Actor, clientOrgId: string, input: StaffPick) {
      const { link, staff, team } = await picked(actor.org, clientOrgId, input);
      const shares = new Map(
        (
          await store.sharesOf(
            actor.org,
            clientOrgId,
            staff.map((s) => s.id),
          )
        ).map((share) => [share.staffId, share]),
      );
      return {
        client: { id: link.clientOrg, name: link.clientName },
        ...(team ? { team: { id: team.teamId, name: team.name } } : {}),
        staff: staff.map((learner) => ({
          id: learner.id,
          name: learner.name,
          alreadyShared: counts(shares.get(learner.id), link, input.teamId),
        })),
      };
    },

    /**
     * Accepts a share: the job and the message that carries it out are recorded in one transaction
     * (outbox), and the share-staff worker adds each person to the client shortly after.
     */
    async requestShare(actor: Actor, clientOrgId: string, input: StaffPick) {
      const { link, staff, team } = await picked(actor.org, clientOrgId, input);
      const job: StaffShareJob = {
        id: ids.next(),
        supplierOrg: actor.org,
        clientOrg: clientOrgId,
        linkId: link.linkId,
        teamId: team?.teamId,
        staffIds: staff.map((s) => s.id),
        status: 'queued',
        requestedAt: now(),
        requestedBy: actor.userId,
      };
      const message = queueStaffShare({
        jobId: job.id,
        supplierOrg: job.supplierOrg,
        clientOrg: job.clientOrg,
        linkId: job.linkId,
        ...(job.teamId ? { teamId: job.teamId } : {}),
        staffIds: job.staffIds,
        requestedBy: job.requestedBy,
      });
      await store.createShareJob(job, actor, { outbox: [message] });
      return { id: job.id, message: staffShareNotice };
    },

    /** A share job's status, for the supplier that asked for it (404 for anyone else). */
    async shareJob(actor: Actor, clientOrgId: string, jobId: string) {
      const job = await store.shareJob(jobId);
      if (!job || job.supplierOrg !== actor.org || job.clientOrg !== clientOrgId)
        throw new NotFoundError('Share');
      return {
        id: job.id,
        status: job.status,
        clientOrgId: job.clientOrg,
        ...(job.teamId ? { teamId: job.teamId } : {}),
        staffIds: job.staffIds,
        requestedAt: job.requestedAt,
        ...(job.status === 'done'
          ? {
              shared: job.shared ?? 0,
              alreadyShared: job.alreadyShared ?? 0,
              skipped: job.skipped ?? 0,
              completedAt: job.completedAt,
            }
          : {}),
      };
    },

    /** The supplier's staff shared with one client under the current link. */
    async sharedStaff(actor: Actor, clientOrgId: string, page: PageRequest) {
      const link = await linkedClient(actor.org, clientOrgId);
      const found = await store.sharedStaff(actor.org, clientOrgId, link.linkId, page);
      const people = new Map(
        (
          await learners.learnersById(
            actor.org,
            found.items.map((s) => s.staffId),
          )
        ).map((l) => [l.id, l]),
      );
      return {
        items: found.items.flatMap((share) => {
          const learner = people.get(share.staffId);
          return learner
            ? [
                {
                  id: learner.id,
                  name: learner.name,
                  email: learner.email,
                  teamIds: share.teamIds,
                  sharedAt: share.sharedAt,
                },
              ]
            : [];
        }),
        next: found.next,
      };
    },

    /**
     * Takes a staff member back from a client: both sides of the share go in one transaction, so the
     * client's next read (and a click on a link issued before) finds no grant.
     */
    async revokeStaff(actor: Actor, clientOrgId: string, staffId: string) {
      const link = await linkedClient(actor.org, clientOrgId);
      if (!(await learners.learner(actor.org, staffId))) throw new NotFoundError('Staff member');
      const [share] = await store.sharesOf(actor.org, clientOrgId, [staffId]);
      if (!share || share.linkId !== link.linkId) throw new NotFoundError('Staff member');
      if (!(await store.revokeStaff(share, actor, now()))) throw new NotFoundError('Staff member');
    },
  };
}

export type SharingUseCases = ReturnType<typeof sharingUseCases>;
