import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { roles, type Role } from '../http/route-definition.ts';

/**
 * Cognito pre-token-generation trigger (V2): puts the claims the API authorises by into both tokens.
 * `org` comes from the `custom:org` attribute, which only administrators can write (the web client
 * may not); `roles` are the user's Cognito groups that name a role. With an external OIDC issuer this
 * trigger is not used: that issuer puts the same claims in its tokens.
 */
export function claimsForTokens(attributes: Record<string, string>, groups: readonly string[]) {
  return {
    org: attributes['custom:org'] ?? '',
    // Space-separated: a plain string claim survives every token version, and the handlers read
    // `roles` as an array or as such a string alike (functions/shared/http/caller.ts).
    roles: groups.filter((group): group is Role => (roles as readonly string[]).includes(group)).join(' '),
    // Only a verified address: invitations and domain-restricted codes are granted by it.
    ...(attributes.email && attributes.email_verified === 'true' ? { email: attributes.email } : {}),
    ...(attributes.name ? { name: attributes.name } : {}),
  };
}

export const handler = async (
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> => {
  const claims = claimsForTokens(
    event.request.userAttributes,
    event.request.groupConfiguration.groupsToOverride ?? [],
  );
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
};
