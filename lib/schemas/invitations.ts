import { z } from "zod";
import { orgParams } from "./api";

// Invitations to an organization (docs/dashboard.md#pages). The link's secret is 32 random bytes in base64url; it
// travels in the URL fragment (never sent to the server by the browser) and in a POST body.

export const INVITATION_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const acceptInvitationSchema = z.strictObject({
  secret: z.string().regex(INVITATION_SECRET_PATTERN, "This is not an invitation link's secret: open the link from the email again."),
});

export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const invitationParams = orgParams.extend({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).describe("Invitation id (a ULID, as listed)") });
