import { randomUUID } from "node:crypto";
import { AppError, isAppError } from "@/lib/errors";

// The envelopes of docs/api.md#conventions: `{"data": …}` on success, `{"error", "message", "details"?}`
// on failure. Unexpected failures become 503 `unavailable` — never an HTML page, never internals or
// secrets — and are logged with a request id that the response carries too, so an operator can
// find the line a user reports.

export function jsonData(data: unknown, init: ResponseInit = {}): Response {
  return Response.json({ data }, init);
}

/** Which request failed, for the log line of an unexpected error (a route template, never a URL with values). */
export interface FailedRequest {
  route: string;
}

export function jsonError(error: unknown, request: FailedRequest = { route: "unknown" }): Response {
  const requestId = isAppError(error) ? null : logUnexpected(error, request.route);
  const appError = isAppError(error) ? error : unavailable(requestId!);
  const body: Record<string, unknown> = { error: appError.code, message: appError.message };
  if (appError.details !== undefined) body.details = appError.details;
  if (requestId) body.request_id = requestId;
  const headers: Record<string, string> = {};
  if (appError.retryAfter !== undefined) headers["Retry-After"] = String(appError.retryAfter);
  if (requestId) headers["X-Request-Id"] = requestId;
  return Response.json(body, { status: appError.status, headers });
}

export function unavailable(requestId: string): AppError {
  return new AppError("unavailable", `The service is temporarily unavailable. Try again shortly (request ${requestId}).`);
}

/** Logs an unexpected error with a fresh request id: route, error class, code and a bounded message. */
export function logUnexpected(error: unknown, route: string): string {
  const requestId = randomUUID();
  const kind = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown })?.code;
  console.error(`[dotenv] request ${requestId} ${route} failed: ${kind}${code ? ` (${String(code)})` : ""}: ${safeMessage(error)}`);
  return requestId;
}

/**
 * The message's first line, bounded. Database drivers and Prisma can append the query and its
 * arguments after the first line ("Invalid `prisma.x.create()` invocation: { data: … }"), which may
 * hold names, ciphertext or hashes: only the summary is kept.
 */
function safeMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
  return firstLine.replace(/invocation.*$/i, "invocation").slice(0, 240);
}
