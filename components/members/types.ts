// Shapes of the REST API's member and invitation objects (lib/services/members/).

export interface MemberView {
  id: string;
  user: { id: string; email: string; name: string };
  role: string;
  teams: string[];
  created_at: string;
}

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  status: "pending" | "expired";
  invited_by: { id: string; email: string } | null;
  expires_at: string;
  created_at: string;
}

export interface MemberPermissions {
  read: boolean;
  create: boolean;
  update: boolean;
  remove: boolean;
}

export const formatDate = (iso: string) => new Date(iso).toISOString().slice(0, 10);
