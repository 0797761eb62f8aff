import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeKey } from '../../functions/http/route-definition.ts';
import { routes } from '../../functions/http/routes.ts';

/**
 * CDK and the local gateway send each route to its `entry`; an entry that did not implement it
 * would answer 404 for a route the contract promises, so the table is checked against the entries.
 */
describe('the route table', () => {
  it.each(routes.map((route) => [routeKey(route), route.entry] as const))(
    'has %s implemented by %s',
    (key, entry) => {
      const source = readFileSync(new URL(`../../${entry}`, import.meta.url), 'utf8');
      expect(source).toContain(`'${key}'`);
    },
  );

  it('has no route twice and no operationId twice', () => {
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
  });
});
