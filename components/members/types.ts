// The REST API's member and invitation objects: the shapes live with their zod schemas in
// lib/schemas/members.ts, checked against the use cases by lib/schemas/responses.db.test.ts.
export type { InvitationView, MemberView } from "@/lib/schemas/members";

export interface MemberPermissions {
  read: boolean;
  create: boolean;
  update: boolean;
  remove: boolean;
}

export const formatDate = (iso: string) => new Date(iso).toISOString().slice(0, 10);
