import { defineEndpoint, noContent, ok } from "@/lib/api/endpoint";
import { onOrganization } from "@/lib/services/access/plan";
import { orgParams, pageQuery } from "@/lib/schemas/api";
import { createMemberSchema, memberParams, updateMemberSchema } from "@/lib/schemas/members";
import { addMember, changeMemberRole, listMembers, removeMember } from "@/lib/services/members/members";

const ROLES_NOTE = "Roles are lowercase: owner, administrator, developer, member, auditor, billing_manager, api_user.";

export const membersEndpoints = [
  defineEndpoint({
    id: "members.list",
    method: "GET",
    path: "/{organization}/members",
    tag: "Members",
    summary: "List members with their roles and teams",
    description: ROLES_NOTE,
    requires: () => onOrganization("member.list", "member:read"),
    params: orgParams,
    query: pageQuery,
    handle: async (context, { query }) => {
      const page = await listMembers(context, query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "members.create",
    method: "POST",
    path: "/{organization}/members",
    tag: "Members",
    summary: "Invite a person by email address",
    description: `The address gets an invitation valid for 7 days, sent by mail; they become a member when they accept it (POST /api/invitations/accept). 201 {status: "invited", email, role, expires_at} whether or not the address has an account; 409 if it is already a member here. Only an Owner may invite an owner. ${ROLES_NOTE}`,
    requires: () => onOrganization("member.create", "member:create"),
    status: 201,
    params: orgParams,
    body: createMemberSchema,
    handle: async (context, { body }) => ok(await addMember(context, body)),
  }),
  defineEndpoint({
    id: "members.update",
    method: "PATCH",
    path: "/{organization}/members/{id}",
    tag: "Members",
    summary: "Change a member's role",
    description: `Only an Owner may grant owner or change an Owner's role; the last Owner cannot be demoted (422). ${ROLES_NOTE}`,
    requires: () => onOrganization("member.update", "member:update"),
    params: memberParams,
    body: updateMemberSchema,
    handle: async (context, { params, body }) => ok(await changeMemberRole(context, params.id, body)),
  }),
  defineEndpoint({
    id: "members.delete",
    method: "DELETE",
    path: "/{organization}/members/{id}",
    tag: "Members",
    summary: "Remove a member (effective on their next request)",
    description: "Only an Owner may remove an Owner; the last Owner cannot be removed (422).",
    requires: () => onOrganization("member.delete", "member:delete"),
    status: 204,
    params: memberParams,
    handle: async (context, { params }) => {
      await removeMember(context, params.id);
      return noContent();
    },
  }),
];
