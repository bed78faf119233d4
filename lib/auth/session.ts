import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { findActiveSession } from "@/lib/services/accounts/accounts";
import { authSecret } from "./secret";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  sessionId: string;
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

// The signed-in user of this request. The cookie only names a Session row; the row decides, so a
// revoked or expired session is refused on its very next request (SPEC §9). Cached per request.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const store = await cookies();
  const raw = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  if (!token?.sid) return null;
  const active = await findActiveSession(token.sid);
  return active ? { ...active.user, sessionId: active.sessionId } : null;
});
