/** Who is asking. lib/auth builds a Principal per request; by then a token has already been
 * checked for expiry and revocation and a session for 2FA, so nothing here looks at time. */
import type { Role } from "./roles";
import type { Grant } from "./scope";

/** A person acting in one organization (the one the request names). */
export interface UserPrincipal {
  readonly kind: "user";
  readonly userId: string;
  readonly organizationId: string;
  readonly role: Role;
  /** Teams the user belongs to in this organization. */
  readonly teamIds: readonly string[];
}

/** An API token; it belongs to exactly one organization. */
export interface TokenPrincipal {
  readonly kind: "token";
  readonly tokenId: string;
  readonly organizationId: string;
  readonly grants: readonly Grant[];
}

/** No valid session or token. */
export interface AnonymousPrincipal {
  readonly kind: "anonymous";
}

export type Principal = UserPrincipal | TokenPrincipal | AnonymousPrincipal;

export const ANONYMOUS: AnonymousPrincipal = { kind: "anonymous" };
