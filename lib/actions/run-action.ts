import "server-only";
import { AppError, isAppError, twoFactorPending } from "@/lib/errors";
import { getSessionState, type CurrentUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/services/context";
import { currentRequestContext } from "@/lib/http/context";
import { logUnexpected } from "@/lib/http/respond";

// The wrapper every server action goes through: it requires a live session that has passed its
// second factor (a pending one gets two_factor_required), runs the use case and
// turns failures into a serialisable result (the browser shows `message`; `details` feed forms).
// Next.js already refuses cross-origin server action posts, which is our CSRF protection here.

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: unknown } };

export async function runAction<T>(perform: (user: CurrentUser, context: RequestContext) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const session = await getSessionState();
    if (session.kind === "none") throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
    if (session.kind === "pending") throw twoFactorPending();
    return { ok: true, data: await perform(session.user, await currentRequestContext()) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    const requestId = logUnexpected(error, "server action");
    return { ok: false, error: { code: "unavailable", message: `Something went wrong on our side. Try again (request ${requestId}).` } };
  }
}
