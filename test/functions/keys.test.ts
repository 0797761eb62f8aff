import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';

/** Parts come from callers (token claims, Idempotency-Key, path parameters): none may spell another's key. */
describe('table keys built from caller input', () => {
  it('keeps user `u1#x` with key `y` apart from user `u1` with key `x#y`, whatever they type', () => {
    expect(keys.idempotency('org', 'u1#x', 'y')).not.toEqual(keys.idempotency('org', 'u1', 'x#y'));
    expect(keys.idempotency('o#u', 'k', 'z')).not.toEqual(keys.idempotency('o', 'u#k', 'z'));
    // Typing the escape itself spells nothing else either.
    expect(keys.idempotency('org', 'u1%23x', 'y')).not.toEqual(keys.idempotency('org', 'u1', 'x#y'));
    expect(keys.idempotency('org', 'u1%23x', 'y')).not.toEqual(keys.idempotency('org', 'u1#x', 'y'));
  });

  it('never puts an organisation named `x#AUDIT` into organisation x’s audit partition', () => {
    expect(keys.org('x#AUDIT')).not.toBe(keys.auditPartition('x'));
    expect(keys.balance('x#AUDIT', 'expert').PK).not.toBe(keys.auditPartition('x'));
  });

  it('keeps composite sort keys apart when an id carries the separator, and ULID keys as they were', () => {
    expect(keys.member('o', 'g#u', 'v')).not.toEqual(keys.member('o', 'g', 'u#v'));
    expect(keys.learnerProfile('o', 'l#p', 'q')).not.toEqual(keys.learnerProfile('o', 'l', 'p#q'));
    expect(keys.teamMember('o', 't#l', 'm')).not.toEqual(keys.teamMember('o', 't', 'l#m'));
    expect(keys.member('o', 'g#u', 'v').SK.startsWith(keys.memberPrefix('g'))).toBe(false);
    // Keys without '#' or '%' (ULIDs, codes, subs) are spelled as before: stored items keep their keys.
    expect(keys.member('org-1', '01J0000000000000000000000A', 'sub-1')).toEqual({
      PK: 'ORG#org-1',
      SK: 'MEMBER#01J0000000000000000000000A#sub-1',
    });
  });
});
