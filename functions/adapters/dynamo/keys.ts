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
 * - A cached profile PDF (rendered-pdf-index.ts) → table → PK=PDF#<org>#<profileId>  SK=LANG2#<language>  (its own
 *   partition, so a 10,000-learner export's entries spread out; TTL = while the bucket still keeps the PDF)
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

/** `<LABEL>#<part>#<part>…`: a fixed label, then the variable parts, each escaped by `part()`. */
const spell = (label: string, ...parts: string[]) => [label, ...parts.map(part)].join('#');

/** The start every sort key of a list shares: `<LABEL>#` or `<LABEL>#<part>#…#`, escaped the same way. */
const under = (label: string, ...parts: string[]) => `${spell(label, ...parts)}#`;

/** The partitions items live in; the sort key says which item of the partition it is. */
const inOrg = (org: string, sk: string) => ({ PK: spell('ORG', org), SK: sk });
const inUser = (userId: string, sk: string) => ({ PK: spell('USER', userId), SK: sk });
const inJob = (jobId: string, sk: string) => ({ PK: spell('JOB', jobId), SK: sk });
/** An item alone in its partition (looked up by one id): `PK=<LABEL>#<id>  SK=<LABEL>`. */
const alone = (label: string, id: string) => ({ PK: spell(label, id), SK: label });

export const keys = {
  idempotency: (org: string, userId: string, key: string) => ({
    PK: spell('IDEMPOTENCY', org, userId, key),
    SK: 'IDEMPOTENCY',
  }),
  secret: (name: string) => alone('SECRET', name),
  sentEmail: (dedupeKey: string) => alone('EMAIL', dedupeKey),
  org: (org: string) => spell('ORG', org),
  balance: (org: string, product: string) => inOrg(org, spell('BALANCE', product)),
  balancePrefix: under('BALANCE'),
  purchase: (org: string, purchaseId: string) => inOrg(org, spell('PURCHASE', purchaseId)),
  group: (org: string, groupId: string) => inOrg(org, spell('GROUP', groupId)),
  groupPrefix: under('GROUP'),
  member: (org: string, groupId: string, userId: string) => inOrg(org, spell('MEMBER', groupId, userId)),
  memberPrefix: (groupId: string) => under('MEMBER', groupId),
  code: (code: string) => alone('CODE', code),
  assignment: (userId: string, assignmentId: string) => inUser(userId, spell('ASSIGNMENT', assignmentId)),
  audit: (org: string, at: string, id: string) => ({
    PK: `${spell('ORG', org)}#AUDIT`,
    SK: [at, id].map(part).join('#'),
  }),
  auditPartition: (org: string) => `${spell('ORG', org)}#AUDIT`,
  learner: (org: string, learnerId: string) => inOrg(org, spell('LEARNER', learnerId)),
  learnerPrefix: under('LEARNER'),
  learnerProfile: (org: string, learnerId: string, profileId: string) =>
    inOrg(org, spell('LPROFILE', learnerId, profileId)),
  team: (org: string, teamId: string) => inOrg(org, spell('TEAM', teamId)),
  teamPrefix: under('TEAM'),
  teamMember: (org: string, teamId: string, learnerId: string) =>
    inOrg(org, spell('TEAMMEMBER', teamId, learnerId)),
  teamMemberPrefix: (teamId: string) => under('TEAMMEMBER', teamId),
  link: (tokenHash: string) => alone('LINK', tokenHash),
  share: (org: string, shareId: string) => inOrg(org, spell('SHARE', shareId)),
  invitation: (org: string, invitationId: string) => inOrg(org, spell('INVITATION', invitationId)),
  invitationPrefix: under('INVITATION'),
  invitationToken: (tokenHash: string) => alone('INVTOKEN', tokenHash),
  user: (userId: string) => spell('USER', userId),
  assignmentPrefix: under('ASSIGNMENT'),
  userProfile: (userId: string, profileId: string) => inUser(userId, spell('PROFILE', profileId)),
  userProfilePrefix: under('PROFILE'),
  supplierLink: (clientOrg: string, supplierOrg: string) => inOrg(clientOrg, spell('SUPPLIER', supplierOrg)),
  supplierLinkPrefix: under('SUPPLIER'),
  clientLink: (supplierOrg: string, clientOrg: string) => inOrg(supplierOrg, spell('CLIENT', clientOrg)),
  clientLinkPrefix: under('CLIENT'),
  clientTeam: (supplierOrg: string, clientOrg: string, teamId: string) =>
    inOrg(supplierOrg, spell('CLIENTTEAM', clientOrg, teamId)),
  clientTeamPrefix: (clientOrg: string) => under('CLIENTTEAM', clientOrg),
  clientStaff: (clientOrg: string, staffId: string) => inOrg(clientOrg, spell('CLIENTSTAFF', staffId)),
  clientStaffPrefix: under('CLIENTSTAFF'),
  sharedStaff: (supplierOrg: string, clientOrg: string, staffId: string) =>
    inOrg(supplierOrg, spell('SHAREDSTAFF', clientOrg, staffId)),
  sharedStaffPrefix: (clientOrg: string) => under('SHAREDSTAFF', clientOrg),
  staffShareJob: (jobId: string) => inJob(jobId, 'STAFFSHARE'),
  course: (clientOrg: string, courseId: string) => inOrg(clientOrg, spell('COURSE', courseId)),
  coursePrefix: under('COURSE'),
  courseAssignment: (clientOrg: string, staffId: string, assignmentId: string) =>
    inOrg(clientOrg, spell('COURSEASSIGN', staffId, assignmentId)),
  courseAssignmentPrefix: (staffId: string) => under('COURSEASSIGN', staffId),
  transfer: (org: string, transferId: string) => inOrg(org, spell('TRANSFER', transferId)),
  transferPrefix: under('TRANSFER'),
  transferToken: (tokenHash: string) => alone('TRFTOKEN', tokenHash),
  transferIn: (org: string, transferId: string) => inOrg(org, spell('TRANSFERIN', transferId)),
  transferInPrefix: under('TRANSFERIN'),
  exportJob: (jobId: string) => inJob(jobId, 'EXPORT'),
  // The index is a number, zero-padded so parts sort in order; nothing to escape.
  exportPart: (jobId: string, index: number) => inJob(jobId, `PART#${String(index).padStart(4, '0')}`),
  exportResult: (jobId: string, learnerId: string) => inJob(jobId, spell('RESULT', learnerId)),
  exportResultPrefix: under('RESULT'),
  // LANG2, not LANG: an entry may name part of a shared object (`offset`), which code from before
  // shared objects read as a whole PDF; its LANG# entries are left where only it looks (TTL ends them).
  renderedPdf: (org: string, profileId: string, language: string) => ({
    PK: spell('PDF', org, profileId),
    SK: spell('LANG2', language),
  }),
  outbox: (messageId: string) => alone('OUTBOX', messageId),
  outboxPrefix: under('OUTBOX'),
} as const;

export type ItemKey = { PK: string; SK: string };
