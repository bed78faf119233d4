import "server-only";
import http from "node:http";
import { PEER_HEADER } from "./client-ip";

// What has to happen at the HTTP server itself, before Next.js turns a request into a Web Request
// (installed once, at start-up, by instrumentation.ts):
//
// - The connecting peer's address is stamped on the request (PEER_HEADER), replacing anything a
//   client sent under that name: only this address, and X-Forwarded-For entries added by proxies
//   we trust, may name the client (lib/http/client-ip.ts).
// - CONNECT, TRACE and TRACK are methods the Fetch standard forbids: Next.js fails to build a
//   Request for them and answers a plain-text 500. They get the API's JSON 405 instead.
// - The API (/api/v1) answers JSON to what no route handler can serve (docs/api.md#conventions:
//   never a 500 for bad input, never HTML): other methods no handler exists for (PROPFIND, made-up
//   ones; Next.js would answer an empty 400) get 405, and a path with broken percent-encoding (which
//   Next.js fails to route with a plain-text 500) gets 400. Checked here rather than in proxy.ts
//   because a proxy run costs every API request about half a millisecond of Next.js's machinery.
// - An API request declaring a body larger than any endpoint accepts is refused with 413 before a
//   byte of it is kept (it is drained and dropped) — Next.js would otherwise buffer up to its proxy
//   limit for every request, authenticated or not.

const UNSUPPORTED = new Set(["CONNECT", "TRACE", "TRACK"]);
const API_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
const ALLOW = [...API_METHODS].join(", ");
const API_PREFIX = "/api/v1";
/** The largest body any API endpoint accepts (secrets/store: 1 MiB of JSON). */
export const MAX_API_BODY_BYTES = 1024 * 1024;
let installed = false;

export function installServerHooks(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
      const refusal = refusalOf(request);
      if (refusal) {
        const body = JSON.stringify({ error: refusal.error, message: refusal.message });
        response.writeHead(refusal.status, { "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body), ...refusal.headers });
        response.end(body);
        discardBody(request);
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/**
 * A refused body is read and thrown away (never kept), so the client can finish sending and read
 * the answer — closing mid-upload would leave it with a broken pipe instead of the 413. A body
 * beyond DISCARD_LIMIT_BYTES is not worth the bandwidth: the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
function discardBody(request: http.IncomingMessage): void {
  let seen = 0;
  request.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DISCARD_LIMIT_BYTES) request.socket.destroy();
  });
  request.resume();
}

function refusalOf(request: http.IncomingMessage): { status: number; error: string; message: string; headers?: Record<string, string> } | null {
  const method = request.method ?? "";
  const api = isApiPath(request.url ?? "");
  if (UNSUPPORTED.has(method) || (api && !API_METHODS.has(method))) {
    return { status: 405, error: "invalid_request", message: `Method ${method.slice(0, 16)} is not allowed; use ${ALLOW}.`, headers: { Allow: ALLOW } };
  }
  if (api && !decodablePath(request.url!)) return { status: 400, error: "invalid_request", message: "The URL is not valid." };
  const declared = Number(request.headers["content-length"] ?? 0);
  if (request.url?.startsWith("/api/") && declared > MAX_API_BODY_BYTES) {
    return { status: 413, error: "payload_too_large", message: `The request body is larger than ${MAX_API_BODY_BYTES / 1024} KiB.` };
  }
  return null;
}

/** /api/v1 and below (origin-form request targets, as browsers and HTTP clients send them). */
function isApiPath(url: string): boolean {
  return url.startsWith(API_PREFIX) && (url.length === API_PREFIX.length || "/?".includes(url[API_PREFIX.length]!));
}

function decodablePath(url: string): boolean {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (!path.includes("%")) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
