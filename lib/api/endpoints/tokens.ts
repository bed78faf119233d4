import { defineEndpoint, noContent, ok } from "@/lib/api/endpoint";
import { onOrganization } from "@/lib/services/access/plan";
import { orgParams } from "@/lib/schemas/api";
import { createTokenSchema, listTokensQuery, rotateTokenSchema, tokenParams, updateTokenSchema } from "@/lib/schemas/tokens";
import { createToken, getToken, listTokens, revokeToken, rotateToken, updateToken } from "@/lib/services/tokens/manage";

const SCOPES_NOTE =
  "Scopes name slugs: {team} or {project, target?, environment?}. A scope whose node was deleted shows null there and grants nothing.";

export const tokensEndpoints = [
  defineEndpoint({
    id: "tokens.list",
    method: "GET",
    path: "/{organization}/tokens",
    tag: "API keys",
    summary: "List API keys (never their values)",
    description: `Newest first. Revoked keys only with include_revoked=true. ${SCOPES_NOTE}`,
    requires: () => onOrganization("token.list", "token:manage"),
    params: orgParams,
    query: listTokensQuery,
    handle: async (context, { query }) => {
      const page = await listTokens(context, query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "tokens.create",
    method: "POST",
    path: "/{organization}/tokens",
    tag: "API keys",
    summary: "Create an API key; its value is in this response only",
    description: `A key never grants more than its creator holds (403 insufficient_permissions lists the excess). ${SCOPES_NOTE}`,
    requires: () => onOrganization("token.create", "token:manage"),
    status: 201,
    sensitive: true,
    params: orgParams,
    body: createTokenSchema,
    handle: async (context, { body }) => ok(await createToken(context, body)),
  }),
  defineEndpoint({
    id: "tokens.read",
    method: "GET",
    path: "/{organization}/tokens/{id}",
    tag: "API keys",
    summary: "Show an API key (revoked ones too, with status \"revoked\")",
    requires: () => onOrganization("token.read", "token:manage"),
    params: tokenParams,
    handle: async (context, { params }) => ok(await getToken(context, params.id)),
  }),
  defineEndpoint({
    id: "tokens.update",
    method: "PATCH",
    path: "/{organization}/tokens/{id}",
    tag: "API keys",
    summary: "Change an API key's name, note, permissions or expiry",
    description: "New permissions and a later expiry must lie within what the caller holds, as at creation.",
    requires: () => onOrganization("token.update", "token:manage"),
    params: tokenParams,
    body: updateTokenSchema,
    handle: async (context, { params, body }) => ok(await updateToken(context, params.id, body)),
  }),
  defineEndpoint({
    id: "tokens.delete",
    method: "DELETE",
    path: "/{organization}/tokens/{id}",
    tag: "API keys",
    summary: "Revoke an API key at once",
    requires: () => onOrganization("token.delete", "token:manage"),
    status: 204,
    params: tokenParams,
    handle: async (context, { params }) => {
      await revokeToken(context, params.id);
      return noContent();
    },
  }),
  defineEndpoint({
    id: "tokens.rotate",
    method: "POST",
    path: "/{organization}/tokens/{id}/rotate",
    tag: "API keys",
    summary: "Rotate an API key: a new value (in this response only); the old one stops at once or after a grace period",
    description:
      "The caller must hold everything the key grants, since it receives a working value of it. grace (none, 1h, 24h, 7d; default none) " +
      "keeps the old token working until previous_token_valid_until, so a deployment can switch without downtime; rotating again or " +
      "deleting the key ends it at once. The end of a grace period is recorded in the audit log (token.grace.end).",
    requires: () => onOrganization("token.rotate", "token:manage"),
    sensitive: true,
    params: tokenParams,
    body: rotateTokenSchema,
    handle: async (context, { params, body }) => ok(await rotateToken(context, params.id, body)),
  }),
];
