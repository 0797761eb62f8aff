import { describe, expect, it } from 'vitest';
import { callerFromClaims } from '../../functions/shared/http/caller.ts';
import { claimsForTokens, handler } from '../../functions/triggers/pre-token-generation.ts';

describe('the Cognito pre-token-generation trigger', () => {
  it('puts the organisation and the role groups into the claims the API reads', () => {
    const claims = claimsForTokens(
      { 'custom:org': 'org-7', email: 'pat@example.com', email_verified: 'true', name: 'Pat' },
      ['practitioner', 'beta-testers', 'admin'],
    );
    expect(claims).toEqual({
      org: 'org-7',
      roles: 'practitioner admin',
      email: 'pat@example.com',
      name: 'Pat',
    });
    expect(callerFromClaims({ sub: 'u1', ...claims })).toMatchObject({
      org: 'org-7',
      roles: ['practitioner', 'admin'],
    });
  });

  it('never vouches for an email address that is not verified', () => {
    expect(
      claimsForTokens({ 'custom:org': 'o', email: 'victim@uni.ac.uk', email_verified: 'false' }, []),
    ).not.toHaveProperty('email');
    expect(claimsForTokens({ 'custom:org': 'o', email: 'victim@uni.ac.uk' }, [])).not.toHaveProperty('email');
  });

  it('overrides claims in both the ID and the access token', async () => {
    const event = {
      request: {
        userAttributes: { 'custom:org': 'org-7', email: 'a@b.c' },
        groupConfiguration: { groupsToOverride: ['client'] },
      },
      response: {},
    } as never;
    const answer = await handler(event);
    expect(
      answer.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride,
    ).toMatchObject({ org: 'org-7', roles: 'client' });
    expect(
      answer.response.claimsAndScopeOverrideDetails?.idTokenGeneration?.claimsToAddOrOverride,
    ).toMatchObject({ org: 'org-7' });
  });
});
