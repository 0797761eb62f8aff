import type * as z from 'zod';
import type { ResponseSpec } from '../route-definition.ts';
import { listQuery, page } from './common.ts';

type Headers = Readonly<Record<string, string>>;

/** A route's success answer of one status: what it is, its body's schema, the headers it always sends. */
const withStatus =
  <const S extends number>(status: S) =>
  (description: string, schema?: z.ZodType, headers?: Headers): Readonly<Record<S, ResponseSpec>> =>
    ({
      [status]: { description, ...(schema ? { schema } : {}), ...(headers ? { headers } : {}) },
    }) as Record<S, ResponseSpec>;

/**
 * The success answers a route row declares (`responses: answer.created('The group', groupAnswer)`),
 * by what they mean rather than as nested literals, so each row says only its own words and schema.
 */
export const answer = {
  ok: withStatus(200),
  created: withStatus(201),
  /** 202: taken on, carried out later (`{ Location }` where there is something to follow). */
  accepted: withStatus(202),
  /**
   * 201 the first time, 200 with the same answer when this caller did it already (accepting an
   * invitation or a transfer, redeeming a code): a retry without an Idempotency-Key still learns
   * what it got.
   */
  createdOnce: (first: string, again: string, schema: z.ZodType) => ({
    ...withStatus(201)(first, schema),
    ...withStatus(200)(again, schema),
  }),
  noContent: (description: string) => withStatus(204)(description),
  /** 302 to `location`, which the route always sends. */
  redirect: (description: string, location: string) =>
    withStatus(302)(description, undefined, { Location: location }),
};

/**
 * What makes a route a list: `?limit=&cursor=` in (or a query that extends listQuery with filters),
 * a page of `item` out. A row spreads it: `...listing('A page of groups', groupAnswer)`.
 */
export const listing = <const Q extends z.ZodObject = typeof listQuery>(
  description: string,
  item: z.ZodType,
  query?: Q,
) => ({ query: (query ?? listQuery) as Q, responses: answer.ok(description, page(item)) });
