/**
 * Key builders for the single table: every item's PK/SK (and GSI keys) is spelled here and only here.
 *
 * Access patterns (pattern → index → key shape):
 * - Do-once record of a caller's request        → table → PK=IDEMPOTENCY#<org>#<userId>#<key>  SK=IDEMPOTENCY
 *   (Idempotency-Key; once.ts: claimed, committed with the work, answered)
 * - Signing secret (cursors, link tokens)       → table → PK=SECRET#<name>                     SK=SECRET
 * - Do-once record of an email (sent marker)    → table → PK=EMAIL#<dedupeKey>                 SK=EMAIL
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
 * - Sharing across tenants (sharing-store.ts; every cross-tenant read is a consistent GetItem or a
 *   consistent Query of the base table, never a GSI):
 *   - A client's link to a supplier / its suppliers → table → PK=ORG#<client>  SK=SUPPLIER#<supplierOrg>
 *   - The same link seen by the supplier / its clients → table → PK=ORG#<supplier>  SK=CLIENT#<clientOrg>
 *   - A team a client shared with a supplier       → table → PK=ORG#<supplier>  SK=CLIENTTEAM#<clientOrg>#<teamId>
 *   - A staff member shared with a client (the grant every client read checks)
 *                                                  → table → PK=ORG#<client>  SK=CLIENTSTAFF#<staffId>
 *   - The same share seen by the supplier           → table → PK=ORG#<supplier>  SK=SHAREDSTAFF#<clientOrg>#<staffId>
 *   - A staff share job (its status)                → table → PK=JOB#<jobId>  SK=STAFFSHARE
 *   - A client's course / its courses              → table → PK=ORG#<client>  SK=COURSE#<courseId>
 *   - A staff member's course assignments          → table → PK=ORG#<client>  SK=COURSEASSIGN#<staffId>#<assignmentId>
 * - A transfer of uses / an org's sent ones    → table → PK=ORG#<sender>  SK=TRANSFER#<transferId>  (list: begins_with)
 * - A transfer by its accept token              → table → PK=TRFTOKEN#<sha256(token)>  SK=TRFTOKEN
 * - A transfer accepted into an org / received  → table → PK=ORG#<recipient>  SK=TRANSFERIN#<transferId>  (a copy, written on accept)
 * - A bulk profile export job (its counts)     → table → PK=JOB#<jobId>  SK=EXPORT  (its own partition, not the org's:
 *   a 10,000-learner job must not heat one organisation's partition; TTL = export retention)
 *   - its selection, 500 learners a part          → table → PK=JOB#<jobId>  SK=PART#<0000>
 *   - one result row per learner                  → table → PK=JOB#<jobId>  SK=RESULT#<learnerId>  (list: begins_with)
 * - A message owed to a queue (outbox.ts)       → table → PK=OUTBOX#<messageId>  SK=OUTBOX  (relayed from the
 *   table's stream, table.ts `outboxStreamRecords`; only the local stack's start-up sweep lists them)
 *
 * `<…>` above is the part as given, escaped by `part()`: '%' → '%25', '#' → '%23'. Every
 * variable part goes through it, because many come from callers: the organisation and user from a
 * token (a `personal:<sub>` organisation carries the sub), an Idempotency-Key as typed, ids and
 * codes from paths (checked only for length). Escaped, a part never contains '#', so '#' is only
 * ever a separator and two different tuples of parts never spell the same key: user `u1#x` with
 * key `y` is `u1%23x#y`, user `u1` with key `x#y` is `u1#x%23y`; an organisation named `x#AUDIT`
 * is `ORG#x%23AUDIT`, not organisation x's audit partition. (Escaping rather than hashing keeps
 * keys readable and leaves every key without '#' or '%' — all ULIDs and codes — as it was.)
 */
const part = (value: string) => value.replaceAll('%', '%25').replaceAll('#', '%23');

export const keys = {
  idempotency: (org: string, userId: string, key: string) => ({
    PK: `IDEMPOTENCY#${part(org)}#${part(userId)}#${part(key)}`,
    SK: 'IDEMPOTENCY',
  }),
  secret: (name: string) => ({ PK: `SECRET#${part(name)}`, SK: 'SECRET' }),
  sentEmail: (dedupeKey: string) => ({ PK: `EMAIL#${part(dedupeKey)}`, SK: 'EMAIL' }),
  org: (org: string) => `ORG#${part(org)}`,
  balance: (org: string, product: string) => ({ PK: `ORG#${part(org)}`, SK: `BALANCE#${part(product)}` }),
  balancePrefix: 'BALANCE#',
  purchase: (org: string, purchaseId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `PURCHASE#${part(purchaseId)}`,
  }),
  group: (org: string, groupId: string) => ({ PK: `ORG#${part(org)}`, SK: `GROUP#${part(groupId)}` }),
  groupPrefix: 'GROUP#',
  member: (org: string, groupId: string, userId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `MEMBER#${part(groupId)}#${part(userId)}`,
  }),
  memberPrefix: (groupId: string) => `MEMBER#${part(groupId)}#`,
  code: (code: string) => ({ PK: `CODE#${part(code)}`, SK: 'CODE' }),
  assignment: (userId: string, assignmentId: string) => ({
    PK: `USER#${part(userId)}`,
    SK: `ASSIGNMENT#${part(assignmentId)}`,
  }),
  audit: (org: string, at: string, id: string) => ({
    PK: `ORG#${part(org)}#AUDIT`,
    SK: `${part(at)}#${part(id)}`,
  }),
  auditPartition: (org: string) => `ORG#${part(org)}#AUDIT`,
  learner: (org: string, learnerId: string) => ({ PK: `ORG#${part(org)}`, SK: `LEARNER#${part(learnerId)}` }),
  learnerPrefix: 'LEARNER#',
  learnerProfile: (org: string, learnerId: string, profileId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `LPROFILE#${part(learnerId)}#${part(profileId)}`,
  }),
  team: (org: string, teamId: string) => ({ PK: `ORG#${part(org)}`, SK: `TEAM#${part(teamId)}` }),
  teamPrefix: 'TEAM#',
  teamMember: (org: string, teamId: string, learnerId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `TEAMMEMBER#${part(teamId)}#${part(learnerId)}`,
  }),
  teamMemberPrefix: (teamId: string) => `TEAMMEMBER#${part(teamId)}#`,
  link: (tokenHash: string) => ({ PK: `LINK#${part(tokenHash)}`, SK: 'LINK' }),
  share: (org: string, shareId: string) => ({ PK: `ORG#${part(org)}`, SK: `SHARE#${part(shareId)}` }),
  invitation: (org: string, invitationId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `INVITATION#${part(invitationId)}`,
  }),
  invitationPrefix: 'INVITATION#',
  invitationToken: (tokenHash: string) => ({ PK: `INVTOKEN#${part(tokenHash)}`, SK: 'INVTOKEN' }),
  user: (userId: string) => `USER#${part(userId)}`,
  assignmentPrefix: 'ASSIGNMENT#',
  userProfile: (userId: string, profileId: string) => ({
    PK: `USER#${part(userId)}`,
    SK: `PROFILE#${part(profileId)}`,
  }),
  userProfilePrefix: 'PROFILE#',
  supplierLink: (clientOrg: string, supplierOrg: string) => ({
    PK: `ORG#${part(clientOrg)}`,
    SK: `SUPPLIER#${part(supplierOrg)}`,
  }),
  supplierLinkPrefix: 'SUPPLIER#',
  clientLink: (supplierOrg: string, clientOrg: string) => ({
    PK: `ORG#${part(supplierOrg)}`,
    SK: `CLIENT#${part(clientOrg)}`,
  }),
  clientLinkPrefix: 'CLIENT#',
  clientTeam: (supplierOrg: string, clientOrg: string, teamId: string) => ({
    PK: `ORG#${part(supplierOrg)}`,
    SK: `CLIENTTEAM#${part(clientOrg)}#${part(teamId)}`,
  }),
  clientTeamPrefix: (clientOrg: string) => `CLIENTTEAM#${part(clientOrg)}#`,
  clientStaff: (clientOrg: string, staffId: string) => ({
    PK: `ORG#${part(clientOrg)}`,
    SK: `CLIENTSTAFF#${part(staffId)}`,
  }),
  clientStaffPrefix: 'CLIENTSTAFF#',
  sharedStaff: (supplierOrg: string, clientOrg: string, staffId: string) => ({
    PK: `ORG#${part(supplierOrg)}`,
    SK: `SHAREDSTAFF#${part(clientOrg)}#${part(staffId)}`,
  }),
  sharedStaffPrefix: (clientOrg: string) => `SHAREDSTAFF#${part(clientOrg)}#`,
  staffShareJob: (jobId: string) => ({ PK: `JOB#${part(jobId)}`, SK: 'STAFFSHARE' }),
  course: (clientOrg: string, courseId: string) => ({
    PK: `ORG#${part(clientOrg)}`,
    SK: `COURSE#${part(courseId)}`,
  }),
  coursePrefix: 'COURSE#',
  courseAssignment: (clientOrg: string, staffId: string, assignmentId: string) => ({
    PK: `ORG#${part(clientOrg)}`,
    SK: `COURSEASSIGN#${part(staffId)}#${part(assignmentId)}`,
  }),
  courseAssignmentPrefix: (staffId: string) => `COURSEASSIGN#${part(staffId)}#`,
  transfer: (org: string, transferId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `TRANSFER#${part(transferId)}`,
  }),
  transferPrefix: 'TRANSFER#',
  transferToken: (tokenHash: string) => ({ PK: `TRFTOKEN#${part(tokenHash)}`, SK: 'TRFTOKEN' }),
  transferIn: (org: string, transferId: string) => ({
    PK: `ORG#${part(org)}`,
    SK: `TRANSFERIN#${part(transferId)}`,
  }),
  transferInPrefix: 'TRANSFERIN#',
  exportJob: (jobId: string) => ({ PK: `JOB#${part(jobId)}`, SK: 'EXPORT' }),
  exportPart: (jobId: string, index: number) => ({
    PK: `JOB#${part(jobId)}`,
    SK: `PART#${String(index).padStart(4, '0')}`,
  }),
  exportResult: (jobId: string, learnerId: string) => ({
    PK: `JOB#${part(jobId)}`,
    SK: `RESULT#${part(learnerId)}`,
  }),
  exportResultPrefix: 'RESULT#',
  outbox: (messageId: string) => ({ PK: `OUTBOX#${part(messageId)}`, SK: 'OUTBOX' }),
  outboxPrefix: 'OUTBOX#',
} as const;

export type ItemKey = { PK: string; SK: string };
