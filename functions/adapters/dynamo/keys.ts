/**
 * Key builders for the single table: every item's PK/SK (and GSI keys) is spelled here and only here.
 *
 * Access patterns (pattern → index → key shape):
 * - Idempotency record of a caller's request   → table → PK=IDEMPOTENCY#<org>#<userId>#<key>  SK=IDEMPOTENCY
 * - Signing secret (cursors, link tokens)       → table → PK=SECRET#<name>                     SK=SECRET
 * - Sent-email marker (worker dedupe)           → table → PK=EMAIL#<dedupeKey>                 SK=EMAIL
 * - Balance of an org, per product              → table → PK=ORG#<org>  SK=BALANCE#<product>
 * - Purchases of an org                         → table → PK=ORG#<org>  SK=PURCHASE#<purchaseId>
 * - A group / an org's groups                   → table → PK=ORG#<org>  SK=GROUP#<groupId>  (list: begins_with GROUP#)
 * - A group's member / its members              → table → PK=ORG#<org>  SK=MEMBER#<groupId>#<userId>
 * - A share code by code (redeeming)            → table → PK=CODE#<code>  SK=CODE
 * - A group's codes                             → table → the group item's `codes` map (summary, kept in the same transactions)
 * - A user's assignment / assignments           → table → PK=USER#<userId>  SK=ASSIGNMENT#<assignmentId>
 * - An org's audit trail, newest first          → table → PK=ORG#<org>#AUDIT  SK=<at>#<ulid>
 * - A learner / an org's learners               → table → PK=ORG#<org>  SK=LEARNER#<learnerId>  (list: begins_with LEARNER#)
 * - A learner's imported profile                → table → PK=ORG#<org>  SK=LPROFILE#<learnerId>#<profileId>
 * - A team / an org's teams                     → table → PK=ORG#<org>  SK=TEAM#<teamId>
 * - A team's members                            → table → PK=ORG#<org>  SK=TEAMMEMBER#<teamId>#<learnerId>
 * - A single profile share (its job status)     → table → PK=ORG#<org>  SK=SHARE#<shareId>
 * - An emailed link, by the hash of its token   → table → PK=LINK#<sha256(token)>  SK=LINK
 * - An invitation / an org's invitations        → table → PK=ORG#<org>  SK=INVITATION#<invitationId>  (list: begins_with, filter status)
 * - An invitation by its accept token           → table → PK=INVTOKEN#<sha256(token)>  SK=INVTOKEN
 * - A user's completed profile / profiles       → table → PK=USER#<userId>  SK=PROFILE#<profileId>
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
  org: (org: string) => `ORG#${org}`,
  balance: (org: string, product: string) => ({ PK: `ORG#${org}`, SK: `BALANCE#${product}` }),
  balancePrefix: 'BALANCE#',
  purchase: (org: string, purchaseId: string) => ({ PK: `ORG#${org}`, SK: `PURCHASE#${purchaseId}` }),
  group: (org: string, groupId: string) => ({ PK: `ORG#${org}`, SK: `GROUP#${groupId}` }),
  groupPrefix: 'GROUP#',
  member: (org: string, groupId: string, userId: string) => ({
    PK: `ORG#${org}`,
    SK: `MEMBER#${groupId}#${userId}`,
  }),
  memberPrefix: (groupId: string) => `MEMBER#${groupId}#`,
  code: (code: string) => ({ PK: `CODE#${code}`, SK: 'CODE' }),
  assignment: (userId: string, assignmentId: string) => ({
    PK: `USER#${userId}`,
    SK: `ASSIGNMENT#${assignmentId}`,
  }),
  audit: (org: string, at: string, id: string) => ({ PK: `ORG#${org}#AUDIT`, SK: `${at}#${id}` }),
  auditPartition: (org: string) => `ORG#${org}#AUDIT`,
  learner: (org: string, learnerId: string) => ({ PK: `ORG#${org}`, SK: `LEARNER#${learnerId}` }),
  learnerPrefix: 'LEARNER#',
  learnerProfile: (org: string, learnerId: string, profileId: string) => ({
    PK: `ORG#${org}`,
    SK: `LPROFILE#${learnerId}#${profileId}`,
  }),
  team: (org: string, teamId: string) => ({ PK: `ORG#${org}`, SK: `TEAM#${teamId}` }),
  teamPrefix: 'TEAM#',
  teamMember: (org: string, teamId: string, learnerId: string) => ({
    PK: `ORG#${org}`,
    SK: `TEAMMEMBER#${teamId}#${learnerId}`,
  }),
  teamMemberPrefix: (teamId: string) => `TEAMMEMBER#${teamId}#`,
  link: (tokenHash: string) => ({ PK: `LINK#${tokenHash}`, SK: 'LINK' }),
  share: (org: string, shareId: string) => ({ PK: `ORG#${org}`, SK: `SHARE#${shareId}` }),
  invitation: (org: string, invitationId: string) => ({ PK: `ORG#${org}`, SK: `INVITATION#${invitationId}` }),
  invitationPrefix: 'INVITATION#',
  invitationToken: (tokenHash: string) => ({ PK: `INVTOKEN#${tokenHash}`, SK: 'INVTOKEN' }),
  user: (userId: string) => `USER#${userId}`,
  assignmentPrefix: 'ASSIGNMENT#',
  userProfile: (userId: string, profileId: string) => ({ PK: `USER#${userId}`, SK: `PROFILE#${profileId}` }),
  userProfilePrefix: 'PROFILE#',
} as const;

export type ItemKey = { PK: string; SK: string };
