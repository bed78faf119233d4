import { defineEndpoint, noContent, ok } from "@/lib/api/endpoint";
import { onOrganization } from "@/lib/services/access/plan";
import { orgParams } from "@/lib/schemas/api";
import { invitationParams } from "@/lib/schemas/invitations";
import { listInvitations, resendInvitation, revokeInvitation } from "@/lib/services/members/invitations";

// Invitations waiting for an answer. Accepting one is POST /api/invitations/accept (outside /api/v1:
// it belongs to no organization until the link's secret names one).

export const invitationsEndpoints = [
  defineEndpoint({
    id: "invitations.list",
    method: "GET",
    path: "/{organization}/invitations",
    tag: "Members",
    summary: "List invitations not yet accepted or revoked",
    description: "status is pending or expired (an expired one can be resent). The links' secrets are never returned.",
    requires: () => onOrganization("member.invitation.list", "member:create"),
    params: orgParams,
    handle: async (context) => ok(await listInvitations(context)),
  }),
  defineEndpoint({
    id: "invitations.resend",
    method: "POST",
    path: "/{organization}/invitations/{id}/resend",
    tag: "Members",
    summary: "Send an invitation again with a new link (the old link stops working), valid for 7 more days",
    description: "Only an Owner may resend an invitation to the Owner role.",
    requires: () => onOrganization("member.invitation.resend", "member:create"),
    params: invitationParams,
    handle: async (context, { params }) => ok(await resendInvitation(context, params.id)),
  }),
  defineEndpoint({
    id: "invitations.revoke",
    method: "DELETE",
    path: "/{organization}/invitations/{id}",
    tag: "Members",
    summary: "Revoke an invitation: its link stops working at once",
    description: "Only an Owner may revoke an invitation to the Owner role.",
    requires: () => onOrganization("member.invitation.revoke", "member:delete"),
    status: 204,
    params: invitationParams,
    handle: async (context, { params }) => {
      await revokeInvitation(context, params.id);
      return noContent();
    },
  }),
];
