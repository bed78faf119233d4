// API keys as the REST API shows them: the shapes live with their zod schemas in lib/schemas/tokens.ts,
// checked against the use cases by lib/schemas/responses.db.test.ts.
export type { ApiKey, GrantScopeView, GrantView, IssuedKey } from "@/lib/schemas/tokens";
