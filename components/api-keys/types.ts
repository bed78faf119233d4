// API keys as the REST API shows them: the shapes live with their zod schemas in lib/schemas/tokens.ts,
// checked against the use cases by lib/schemas/responses.db.test.ts.
import type { Permission } from "@/lib/authz";
import type { SlugScope } from "./scope-select";

export type { ApiKey, GrantScopeView, GrantView, IssuedKey } from "@/lib/schemas/tokens";

/** One permission as the API-key form edits it, with its scope by slugs. */
export interface FormGrant {
  permission: Permission;
  scope?: SlugScope;
}
