import http from "node:http";
import https from "node:https";

// The CLI's transport: node's http and https modules rather than fetch. For a short-lived process
// the difference is its start and end: fetch loads undici first (~60 ms here) and its idle
// keep-alive socket holds the process open ~250 ms after the last answer, so `dotenv pull` took
// ~0.5 s where its two requests take a few ms. Here one keep-alive agent per protocol carries a
// command's requests over one connection, and its idle sockets are unref'd (node's Agent does so),
// so the process exits as soon as the command is done. Redirects are never followed (api.ts).

export interface HttpResponse {
  status: number;
  /** A response header by (case-insensitive) name. */
  header(name: string): string | undefined;
  text: string;
}

export interface HttpRequest {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** One request; rejects when there is no answer (connection refused, reset, TLS failure). */
export function httpRequest(url: URL, init: HttpRequest): Promise<HttpResponse> {
  const secure = url.protocol === "https:";
  const [transport, agent] = secure ? [https, agents.https] : [http, agents.http];
  const headers = init.body === undefined ? init.headers : { ...init.headers, "Content-Length": String(Buffer.byteLength(init.body)) };
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method: init.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        resolve({
          status: response.statusCode ?? 0,
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(", ") : value;
          },
          text: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    request.on("error", reject);
    request.end(init.body);
  });
}
