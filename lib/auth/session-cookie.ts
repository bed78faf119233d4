import "server-only";
import { decode } from "next-auth/jwt";
import { findSession } from "@/lib/services/accounts/accounts";
import { authSecret } from "../config/auth-secret";

// The one place the session cookie is read: next-auth's JWT names a Session row, and the row
// decides (lib/auth/options.ts), so a revoked or expired session is refused on its next request.

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The live session a request's cookies name, or null. `pending` is true while it waits for its
 * second factor: such a session may do nothing but complete it. `cookie` reads one cookie by name.
 */
export async function sessionFromCookies(cookie: (name: string) => string | undefined) {
  const raw = SESSION_COOKIES.map(cookie).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  return token?.sid ? findSession(token.sid) : null;
}
