import { AppError, isAppError } from "@/lib/errors";

// The envelopes of docs/api.md#conventions: `{"data": …}` on success, `{"error", "message", "details"?}` on failure.
// Unexpected failures become 503 `unavailable` — never an HTML page, never internals or secrets.

export function jsonData(data: unknown, init: ResponseInit = {}): Response {
  return Response.json({ data }, init);
}

export function jsonError(error: unknown): Response {
  const appError = isAppError(error) ? error : unexpected(error);
  const body: Record<string, unknown> = { error: appError.code, message: appError.message };
  if (appError.details !== undefined) body.details = appError.details;
  const headers: Record<string, string> = {};
  if (appError.retryAfter !== undefined) headers["Retry-After"] = String(appError.retryAfter);
  return Response.json(body, { status: appError.status, headers });
}

function unexpected(error: unknown): AppError {
  // Log the kind of failure only: messages from drivers can quote the SQL parameters they saw.
  console.error(`[dotenv] unexpected ${(error as Error)?.name ?? typeof error}: ${String((error as { code?: unknown })?.code ?? "")}`);
  return new AppError("unavailable", "The service is temporarily unavailable. Try again shortly.");
}
