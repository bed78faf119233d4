import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { sessionFromCookies } from "./session-cookie";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  sessionId: string;
}

export type SessionState =
  | { kind: "none" }
  | { kind: "pending"; user: CurrentUser }
  | { kind: "active"; user: CurrentUser };

// The session of this request. The cookie only names a Session row; the row decides, so a revoked
// or expired session is refused on its very next request (docs/security.md#guarantees). Cached per request.
export const getSessionState = cache(async (): Promise<SessionState> => {
  const store = await cookies();
  const session = await sessionFromCookies((name) => store.get(name)?.value);
  if (!session) return { kind: "none" };
  const user = { ...session.user, sessionId: session.sessionId };
  return session.pending ? { kind: "pending", user } : { kind: "active", user };
});

/** The signed-in user; null without a session and while the second factor is still to come. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const state = await getSessionState();
  return state.kind === "active" ? state.user : null;
}

/** For pages: the signed-in user, or a redirect to sign in, or to the second-factor step of a pending session. */
export async function requireUser(callbackUrl = "/dashboard"): Promise<CurrentUser> {
  const state = await getSessionState();
  const next = encodeURIComponent(callbackUrl);
  if (state.kind === "none") redirect(`/login?callbackUrl=${next}`);
  if (state.kind === "pending") redirect(`/login/two-factor?callbackUrl=${next}`);
  return state.user;
}
