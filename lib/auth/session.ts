import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { activeSessionFromCookies } from "./session-cookie";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  sessionId: string;
}

// The signed-in user of this request. The cookie only names a Session row; the row decides, so a
// revoked or expired session is refused on its very next request (docs/security.md#guarantees). Cached per request.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const store = await cookies();
  const active = await activeSessionFromCookies((name) => store.get(name)?.value);
  return active ? { ...active.user, sessionId: active.sessionId } : null;
});
