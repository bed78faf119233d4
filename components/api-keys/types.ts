import type { Permission } from "@/lib/authz";

// API keys as the REST API shows them (lib/services/tokens/manage.ts tokenView): never the value.

export type GrantScopeView = { team: string | null } | { project: string | null; target?: string | null; environment?: string | null };

export interface GrantView {
  permission: Permission;
  scope?: GrantScopeView;
}

export interface ApiKey {
  id: string;
  name: string;
  note: string | null;
  permissions: GrantView[];
  expires_at: string | null;
  last_used_at: string | null;
  created_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
  created_by: { id: string; email: string } | null;
  status: "active" | "expired" | "revoked";
}

/** Create and rotate answers: the only responses that carry the token value. */
export interface IssuedKey {
  id: string;
  token: string;
  name: string;
  expires_at: string | null;
}
