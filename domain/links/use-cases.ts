import type { Actor, Clock } from '../kernel.ts';
import { GoneError, NotFoundError } from '../errors.ts';
import type { StaffShareGrant } from '../sharing/model.ts';

/**
 * Links in emails (api.md "Links in emails"). A link is a capability: an unguessable token that
 * names one stored file and one recipient and expires (7 days at most). Following it re-signs a
 * short-lived download URL on every click, because a presigned URL made with a Lambda role's
 * temporary credentials dies with them, long before 7 days.
 */
export const maxLinkLifetimeDays = 7;

export interface StoredFile {
  bucket: 'profiles' | 'exports';
  key: string;
  filename: string;
  contentType: string;
}

export interface LinkRecord extends StoredFile {
  org: string;
  recipient: string;
  /** What the link belongs to (`share:<id>`, `export:<id>`), for audit and export results. */
  subject: string;
  createdAt: string;
  expiresAt: string;
  openedAt?: string | undefined;
  revokedAt?: string | undefined;
  /**
   * The grant the link was issued under, if any (a client's link to a staff member's profile): it
   * opens only while that grant stands, checked at every click, so withdrawing the grant withdraws
   * every link issued under it with no list of links to revoke.
   */
  grant?: StaffShareGrant | undefined;
}

/** Whether a grant still stands (domain/sharing/client-downloads.ts `staffShareGrants`). */
export interface LinkGrants {
  holds(grant: StaffShareGrant): Promise<boolean>;
}

export interface LinkStore {
  /**
   * Stores the link with its audit entry and answers the token (only its hash is kept). With a
   * `once` key the same key always yields the same link, issued (and audited) once: a redelivered
   * job mails the link it made the first time instead of minting another.
   */
  issue(link: LinkRecord, issuedBy: string, once?: string): Promise<string>;
  find(token: string): Promise<LinkRecord | undefined>;
  /** Records the first opening only; later openings leave it as it was. */
  markOpened(token: string, at: string): Promise<void>;
  /**
   * Revokes the link issued under a `once` key, with its audit entry; answers whether the
   * organisation has such a link (revoking twice is no error and changes nothing).
   */
  revokeIssued(once: string, by: Pick<Actor, 'org' | 'userId'>, at: string): Promise<boolean>;
}

export function linkUseCases({
  store,
  clock,
  apiUrl,
  grants,
}: {
  store: LinkStore;
  clock: Clock;
  apiUrl: string;
  /** Checks the grants links are issued under; without it such a link never opens (fails closed). */
  grants?: LinkGrants | undefined;
}) {
  return {
    async issue(
      input: StoredFile & {
        org: string;
        recipient: string;
        subject: string;
        issuedBy: string;
        lifetimeDays?: number;
        once?: string;
        grant?: StaffShareGrant | undefined;
      },
    ) {
      const now = clock.now();
      const days = Math.min(input.lifetimeDays ?? maxLinkLifetimeDays, maxLinkLifetimeDays);
      const expiresAt = new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
      const { issuedBy, lifetimeDays: _days, once, ...file } = input;
      const token = await store.issue(
        { ...file, recipient: input.recipient.toLowerCase(), createdAt: now.toISOString(), expiresAt },
        issuedBy,
        once,
      );
      return { token, url: `${apiUrl}/v1/links/${token}`, expiresAt };
    },

    /** What a click on the link opens: the file, once checked; 404 unknown, 410 expired or revoked. */
    async open(token: string): Promise<StoredFile> {
      const link = await store.find(token);
      if (!link) throw new NotFoundError('Link');
      if (link.revokedAt || (link.grant && !(await grants?.holds(link.grant))))
        throw new GoneError('LINK_REVOKED', 'This link has been withdrawn by its sender.');
      const now = clock.now().toISOString();
      if (link.expiresAt <= now)
        throw new GoneError('LINK_EXPIRED', 'This link has expired; ask the sender for a new one.');
      if (!link.openedAt) await store.markOpened(token, now);
      return { bucket: link.bucket, key: link.key, filename: link.filename, contentType: link.contentType };
    },

    /** A later click on the link answers 410 LINK_REVOKED. */
    revokeIssued: (once: string, by: Actor) => store.revokeIssued(once, by, clock.now().toISOString()),
  };
}

export type LinkUseCases = ReturnType<typeof linkUseCases>;
