import type { TokenPrincipal, UserPrincipal } from "@/lib/authz";
import type { AuditActor } from "./audit/record";

// What every use case knows about the request it serves, whichever transport brought it (the
// REST API's router, a server action, a page). Nothing here is HTTP: services return data and
// throw AppError; only lib/api and lib/http speak HTTP.

/** Where a request came from, for audit records and rate limits. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

/** A caller acting inside one organization. */
export interface ServiceContext {
  principal: UserPrincipal | TokenPrincipal;
  organizationId: string;
  actor: AuditActor;
  /** The request path below /api/v1 (or the page's), for audit records; never carries secrets. */
  path: string;
}
