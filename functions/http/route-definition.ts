import type * as z from 'zod';

/** Roles carried in the token's `roles` claim (api.md "Conventions"). */
export const roles = ['practitioner', 'admin', 'supplier', 'client'] as const;
export type Role = (typeof roles)[number];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `public`: anyone, no token; `signed-in`: any valid token; a list of roles: a
 * token holding any one of them; `{ allOf }`: a token holding every one of them (a client's
 * administrator is `{ allOf: ['client', 'admin'] }`).
 */
export type RouteAccess =
  'public' | 'signed-in' | readonly Role[] | { readonly allOf: readonly [Role, ...Role[]] };

/** Whether a route's access names roles (so a signed-in caller can still be refused with 403). */
export const namesRoles = (access: RouteAccess): boolean => access !== 'public' && access !== 'signed-in';

/**
 * Why a signed-in caller holding `held` may not call a route with this access, or undefined when
 * they may. (Whether there is a caller at all is the 401 check's business, before this one.)
 */
export function roleRefusal(access: RouteAccess, held: readonly Role[]): string | undefined {
  if (access === 'public' || access === 'signed-in') return undefined;
  if ('allOf' in access) {
    return access.allOf.every((role) => held.includes(role))
      ? undefined
      : `This needs all of the roles: ${access.allOf.join(', ')}.`;
  }
  return access.some((role) => held.includes(role))
    ? undefined
    : `This needs one of the roles: ${access.join(', ')}.`;
}

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Response headers by name, with what they carry (`Location` of a 202 or a 302). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The contract's specific error codes a route may answer, by status (api.md). 404 NOT_FOUND on
 * routes with path parameters and the shared statuses (400, 401, 413, 415, 429, 500) are implied.
 */
export type ErrorCodes = Readonly<Partial<Record<403 | 404 | 409 | 410, readonly string[]>>>;

/**
 * One row of the route table. Everything a route is lives here: CDK makes the API Gateway route and
 * picks the Lambda from `entry`, the local gateway matches requests with it, the handler wrapper
 * validates and authorises with it, and the OpenAPI document is generated from it.
 */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/v1/groups/{groupId}`. */
  readonly path: string;
  /** The Lambda entry serving this route: one file per resource family, exporting `handler`. */
  readonly entry: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Who may call it (see RouteAccess): no token, any token, any of some roles, or all of them. */
  readonly access: RouteAccess;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Success responses by status; the error responses every route shares are added for OpenAPI. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Specific error codes of this route, published in the OpenAPI document. */
  readonly errors?: ErrorCodes;
  /** Honours `Idempotency-Key` (every POST that spends uses or starts a job). */
  readonly idempotent?: boolean;
  /** Served by the local stack only; CDK never deploys it. */
  readonly localOnly?: boolean;
}

/** Identity function that keeps the literal types of a route (its key and schemas) for handlers. */
export const route = <const S extends RouteSpec>(spec: S): S => spec;

/** What a row of a family says for itself: everything but its key, its operationId and what the family says. */
type RowOwn<D> = Omit<RouteSpec, 'method' | 'path' | 'operationId' | keyof D> &
  Partial<Pick<RouteSpec, keyof D & keyof RouteSpec>>;

/**
 * The rows of one resource family that share their Lambda entry (and often tags and access): the
 * family names them once, at the top of its file, and each row says only what is its own: its method
 * and path on one line (`'POST', '/v1/groups'`, as api.md writes them), its operationId, and its
 * summary and schemas. A row may still say what its family says (an `access` of its own); the row's
 * word wins. Keeps the literal types of `route`.
 */
export const routeFamily =
  <const D extends Partial<Pick<RouteSpec, 'entry' | 'tags' | 'access'>>>(shared: D) =>
  <const M extends HttpMethod, const P extends `/${string}`, const S extends RowOwn<D>>(
    method: M,
    path: P,
    operationId: string,
    row: S,
  ) => {
    const spec = { ...shared, ...row, method, path, operationId };
    return spec as unknown as Omit<D, keyof S> &
      S & { readonly method: M; readonly path: P; readonly operationId: string };
  };

export type RouteKeyOf<S extends RouteSpec> = `${S['method']} ${S['path']}`;

/** The key API Gateway puts in `event.routeKey` for a route. */
export const routeKey = <S extends RouteSpec>(spec: S): RouteKeyOf<S> =>
  `${spec.method} ${spec.path}` as RouteKeyOf<S>;
