import { defineEndpoint, ok } from "@/lib/api/endpoint";
import { anyCaller, onOrganization } from "@/lib/services/access/plan";
import { z } from "zod";
import { orgParams } from "@/lib/schemas/api";
import { getOrganization, whoami } from "@/lib/services/organizations/organization";

export const organizationEndpoints = [
  defineEndpoint({
    id: "organization.read",
    method: "GET",
    path: "/{organization}",
    tag: "Organization",
    summary: "Get the organization",
    requires: () => onOrganization("organization.read", "organization:read"),
    params: orgParams,
    handle: async (context) => ok(await getOrganization(context)),
  }),
  defineEndpoint({
    id: "organization.whoami",
    method: "GET",
    path: "/{organization}/whoami",
    tag: "Organization",
    summary: "Who is calling: the key's name, permissions with scopes, and expiry",
    requires: () => anyCaller(),
    params: orgParams,
    handle: async (context) => ok(await whoami(context)),
  }),
  defineEndpoint({
    id: "whoami",
    method: "GET",
    path: "/whoami",
    tag: "Organization",
    summary: "Who is calling, for an API key: as /{organization}/whoami in the key's own organization",
    description: "Lets a client that holds only an API key learn its organization_id. Session callers get 404: use /{organization}/whoami.",
    requires: () => anyCaller(),
    organizationOfKey: true,
    params: z.object({}),
    handle: async (context) => ok(await whoami(context)),
  }),
];
