import type { TokenPrincipal, UserPrincipal } from "@/lib/authz";
import type { Db } from "@/lib/data/client";
import type { AuditActor } from "@/lib/services/audit/record";

/** Everything a use case needs to know about who is calling, handed over by the router. */
export interface ApiContext {
  principal: UserPrincipal | TokenPrincipal | null;
  actor: AuditActor;
  db: Db;
  /** The request path below /api/v1, for audit records (never carries secrets: they travel in bodies). */
  path: string;
}

/** An authenticated context inside an organization, as every organization endpoint receives. */
export interface OrgContext extends ApiContext {
  principal: UserPrincipal | TokenPrincipal;
  organizationId: string;
}
