/**
 * Key builders for the single table: every item's PK/SK (and GSI keys) is spelled here and only here.
 *
 * Access patterns (pattern → index → key shape):
 * - Idempotency record of a caller's request   → table → PK=IDEMPOTENCY#<org>#<userId>#<key>  SK=IDEMPOTENCY
 * - Signing secret (cursors, link tokens)       → table → PK=SECRET#<name>                     SK=SECRET
 * - Sent-email marker (worker dedupe)           → table → PK=EMAIL#<dedupeKey>                 SK=EMAIL
 *
 * Ids are ULIDs or random codes and never contain '#', so a prefix plus '#' is unambiguous.
 */
export const keys = {
  idempotency: (org: string, userId: string, key: string) => ({
    PK: `IDEMPOTENCY#${org}#${userId}#${key}`,
    SK: 'IDEMPOTENCY',
  }),
  secret: (name: string) => ({ PK: `SECRET#${name}`, SK: 'SECRET' }),
  sentEmail: (dedupeKey: string) => ({ PK: `EMAIL#${dedupeKey}`, SK: 'EMAIL' }),
} as const;

export type ItemKey = { PK: string; SK: string };
