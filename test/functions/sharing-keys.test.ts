import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/keys.ts';

/**
 * The sharing grants' keys (seed 002): an organisation id in a path comes from another tenant's
 * caller, so it must never spell a key of some other organisation's grant or another item family.
 */
describe('the sharing keys', () => {
  it("keep one client's grants apart from another's whose id carries the separator", () => {
    expect(keys.sharedStaff('s', 'c#x', 'y')).not.toEqual(keys.sharedStaff('s', 'c', 'x#y'));
    expect(keys.clientTeam('s', 'c#x', 'y')).not.toEqual(keys.clientTeam('s', 'c', 'x#y'));
    expect(keys.sharedStaff('s', 'c', 'x#y').SK.startsWith(keys.sharedStaffPrefix('c#x'))).toBe(false);
    expect(keys.courseAssignment('c', 's#a', 'b')).not.toEqual(keys.courseAssignment('c', 's', 'a#b'));
  });

  it("list only their own family under an organisation's partition", () => {
    const family = (key: { SK: string }, prefix: string) => key.SK.startsWith(prefix);
    expect(family(keys.clientTeam('s', 'c', 't'), keys.clientLinkPrefix)).toBe(false);
    expect(family(keys.clientLink('s', 'c'), keys.clientLinkPrefix)).toBe(true);
    expect(family(keys.courseAssignment('c', 's', 'a'), keys.coursePrefix)).toBe(false);
    expect(family(keys.course('c', 'k'), keys.coursePrefix)).toBe(true);
    expect(family(keys.clientStaff('c', 's'), keys.clientLinkPrefix)).toBe(false);
    expect(family(keys.supplierLink('c', 's'), keys.clientStaffPrefix)).toBe(false);
  });

  it("write both sides of a grant into each organisation's own partition", () => {
    expect(keys.supplierLink('client', 'supplier').PK).toBe(keys.org('client'));
    expect(keys.clientLink('supplier', 'client').PK).toBe(keys.org('supplier'));
    expect(keys.clientStaff('client', 'staff').PK).toBe(keys.org('client'));
    expect(keys.sharedStaff('supplier', 'client', 'staff').PK).toBe(keys.org('supplier'));
  });
});
