import "server-only";
import http from "node:http";

// CONNECT, TRACE and TRACK are methods the Fetch standard forbids: Next.js fails to build a Request
// for them before any of our code (proxy.ts, a route handler) runs, and answers with a plain-text
// 500. They are answered here instead, at the HTTP server itself, with the API's JSON 405
// (docs/api.md#conventions: unknown methods 405 with Allow; never a 5xx for bad input, never HTML).

const UNSUPPORTED = new Set(["CONNECT", "TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE";
let installed = false;

export function refuseUnsupportedMethods(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    if (event === "request" && UNSUPPORTED.has(request.method ?? "")) {
      const body = JSON.stringify({ error: "invalid_request", message: `Method ${request.method} is not allowed; use ${ALLOW}.` });
      response.writeHead(405, { "Content-Type": "application/json", "Cache-Control": "no-store", Allow: ALLOW, "Content-Length": Buffer.byteLength(body) });
      response.end(body);
      return true;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
