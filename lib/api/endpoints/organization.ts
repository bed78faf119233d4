import { defineEndpoint, noContent, ok } from "@/lib/api/endpoint";
import { anyCaller, onOrganization } from "@/lib/services/access/plan";
import { z } from "zod";
import { orgParams } from "@/lib/schemas/api";
import { deleteOrganizationQuery, deleteOrganizationSchema, updateOrganizationSchema } from "@/lib/schemas/organization";
import { getOrganization, updateOrganization, whoami } from "@/lib/services/organizations/organization";
import { deleteOrganization, previewOrganizationDeletion } from "@/lib/services/organizations/deletion";

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
    id: "organization.update",
    method: "PATCH",
    path: "/{organization}",
    tag: "Organization",
    summary: "Rename the organization and/or set its history retention",
    description:
      "Body {name?, history_retention?: {versions?: 10..1000, days?: 1..3650} | null}. Either limit removes the versions it exceeds at each level's next write; the current version always stays; null keeps every version.",
    requires: () => onOrganization("organization.update", "organization:update"),
    params: orgParams,
    body: updateOrganizationSchema,
    handle: async (context, { body }) => ok(await updateOrganization(context, body)),
  }),
  defineEndpoint({
    id: "organization.delete",
    method: "DELETE",
    path: "/{organization}",
    tag: "Organization",
    summary: "Delete the organization and everything in it, its audit log included",
    description:
      'Body {"confirm": "<the organization\'s name>"} (else 422 confirmation_required). 204. dry_run=true answers {organization, dry_run, will_delete: counts} and deletes nothing. The deletion is recorded in the deleting person\'s other organizations and in the server log.',
    status: 204,
    requires: () => onOrganization("organization.delete", "organization:delete"),
    params: orgParams,
    query: deleteOrganizationQuery,
    body: deleteOrganizationSchema,
    handle: async (context, { query, body }) => {
      if (query.dry_run) return ok(await previewOrganizationDeletion(context));
      await deleteOrganization(context, body);
      return noContent();
    },
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
