import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import * as z from 'zod';
import { roles } from '../../functions/http/route-definition.ts';

/**
 * The local stand-in for the identity provider: an ES256 key pair that mints tokens
 * (`POST /_local/token`) and a verifier that checks them as API Gateway's JWT authorizer does:
 * signature, issuer, audience, an expiry that must be there and not passed, and an issue time
 * (`iat`) that, when given, is not in the future. The key is kept under `.local/` so tokens survive a restart.
 */
export const localIssuer = 'http://localhost/_local/issuer';
export const localAudience = 'profile-sharing-api';

export const tokenRequest = z.object({
  sub: z.string().min(1).optional(),
  /**
   * Any address an identity provider may vouch for, internationalised ones included: the API must
   * hold its own against lookalikes (`a@uni.ac.u\u212A`), so the local issuer lets tests mint them.
   */
  email: z.email({ pattern: z.regexes.unicodeEmail }),
  name: z.string().min(1).optional(),
  /** The tenant; empty for a user who belongs to no organisation (e.g. signed up to redeem a code). */
  org: z.string().optional(),
  roles: z.array(z.enum(roles)).optional(),
  /** Lifetime in seconds (default one hour); tests use it to mint already-expired tokens. */
  expiresInSeconds: z.number().int().optional(),
  /** Leaves out `exp`, to show that a token that never expires is refused. */
  withoutExpiry: z.boolean().optional(),
  /** Moves `iat` from now (seconds; positive is the future), to show a token from the future is refused. */
  issuedInSeconds: z.number().int().optional(),
  /** Overrides the audience, to show that a token for another API is refused. */
  audience: z.string().min(1).optional(),
});

export interface TokenIssuer {
  mint(request: z.infer<typeof tokenRequest>): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  jwks(): { keys: JWK[] };
}

export async function createTokenIssuer(keyFile: string | undefined): Promise<TokenIssuer> {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256' };
    if (keyFile) writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const signingKey = await importJWK(privateJwk, 'ES256');
  const keySet = createLocalJWKSet({ keys: [publicJwk] });
  return {
    async mint(request) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({
        email: request.email,
        name: request.name ?? request.email.split('@')[0],
        ...(request.org === '' ? {} : { org: request.org ?? 'org-local' }),
        roles: request.roles ?? ['practitioner'],
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
        .setSubject(request.sub ?? `user-${request.email.toLowerCase()}`)
        .setIssuer(localIssuer)
        .setAudience(request.audience ?? localAudience)
        .setIssuedAt(now + (request.issuedInSeconds ?? 0));
      if (!request.withoutExpiry) jwt.setExpirationTime(now + (request.expiresInSeconds ?? 3600));
      return jwt.sign(signingKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: localIssuer,
        audience: localAudience,
        requiredClaims: ['exp'],
      });
      // jose checks `iat` only against a maximum age; API Gateway refuses one after the current time.
      if (payload.iat !== undefined && payload.iat > Date.now() / 1000) {
        throw new Error('The token was issued in the future');
      }
      return payload;
    },
    jwks: () => ({ keys: [publicJwk] }),
  };
}
