// Copy-ready snippets for one API call. Every snippet reads the key from DOTENV_API_KEY and never
// contains the token itself: snippets get pasted into chats, tickets and CI files.

export interface SnippetRequest {
  method: string;
  /** The server, e.g. "https://dotenv.example.com" (no trailing slash). */
  origin: string;
  /** Below /api/v1, path parameters already filled in, e.g. "/01H…/my-app/backend/production/secrets". */
  path: string;
  query: Record<string, string>;
  /** JSON body, if the endpoint takes one. */
  body?: unknown;
  /** For the CLI snippet: which endpoint, and its path parameters. */
  endpointId: string;
  params: Record<string, string>;
}

export type SnippetKind = "cli" | "curl" | "fetch" | "python";
export const SNIPPET_LABELS: Record<SnippetKind, string> = { cli: "CLI", curl: "curl", fetch: "JavaScript fetch", python: "Python requests" };

export function requestUrl(request: SnippetRequest): string {
  const query = new URLSearchParams(Object.entries(request.query).filter(([, value]) => value !== "")).toString();
  return `${request.origin}/api/v1${request.path}${query ? `?${query}` : ""}`;
}

/** POSIX single quotes: nothing inside is expanded; a ' becomes '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A shell word: bare when it is plainly safe (slugs, URLs), quoted otherwise. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9._\/:@%+=-]+$/.test(value) ? value : shellQuote(value);
}

const hasBody = (request: SnippetRequest) => request.body !== undefined && request.method !== "GET";

export function curlSnippet(request: SnippetRequest): string {
  const lines = [`curl -X ${request.method} ${shellQuote(requestUrl(request))}`, `  -H "Authorization: Bearer $DOTENV_API_KEY"`];
  if (hasBody(request)) {
    lines.push(`  -H "Content-Type: application/json"`, `  --data ${shellQuote(JSON.stringify(request.body))}`);
  }
  return lines.join(" \\\n");
}

export function fetchSnippet(request: SnippetRequest): string {
  const headers = [`    Authorization: \`Bearer \${process.env.DOTENV_API_KEY}\`,`];
  if (hasBody(request)) headers.push(`    "Content-Type": "application/json",`);
  const body = hasBody(request) ? `\n  body: JSON.stringify(${JSON.stringify(request.body, null, 2).replace(/\n/g, "\n  ")}),` : "";
  return [
    `const response = await fetch(${JSON.stringify(requestUrl(request))}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    `  headers: {`,
    ...headers,
    `  },${body}`,
    `});`,
    `console.log(response.status, await response.text());`,
  ].join("\n");
}

/** JSON is almost Python; only the three literals differ. */
function pythonLiteral(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${indent}    ${pythonLiteral(item, `${indent}    `)}`).join(",\n")},\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([key, item]) => `${indent}    ${JSON.stringify(key)}: ${pythonLiteral(item, `${indent}    `)}`).join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function pythonSnippet(request: SnippetRequest): string {
  const args = [JSON.stringify(`${request.origin}/api/v1${request.path}`), `headers={"Authorization": f"Bearer {os.environ['DOTENV_API_KEY']}"}`];
  const query = Object.fromEntries(Object.entries(request.query).filter(([, value]) => value !== ""));
  if (Object.keys(query).length > 0) args.push(`params=${pythonLiteral(query, "    ")}`);
  if (hasBody(request)) args.push(`json=${pythonLiteral(request.body, "    ")}`);
  return [
    "import os",
    "import requests",
    "",
    `response = requests.request(`,
    `    ${JSON.stringify(request.method)},`,
    ...args.map((arg) => `    ${arg},`),
    `)`,
    "print(response.status_code, response.text)",
  ].join("\n");
}

function levelPath(params: Record<string, string>): string | null {
  if (!params.project) return null;
  return [params.project, params.target, params.environment].filter(Boolean).join("/");
}

/**
 * The `dotenv` CLI command doing the same, for the endpoints it covers (docs/cli.md#commands); null otherwise.
 * The CLI reads DOTENV_API_KEY itself; DOTENV_API_URL names this server.
 */
export function cliSnippet(request: SnippetRequest): string | null {
  const env = `DOTENV_API_URL=${shellWord(request.origin)}`;
  const level = levelPath(request.params);
  const id = request.endpointId;
  if (id === "organization.whoami") return `${env} dotenv whoami`;
  if (!level) return null;
  if (id.startsWith("secrets.read.")) {
    const format = request.query.raw === "true" ? "dotenv" : "json";
    return [`${env} dotenv export ${shellWord(level)} --format=${format}`, `${env} dotenv pull ${shellWord(level)} --output=.env`].join("\n");
  }
  if (id.startsWith("versions.list.")) return `${env} dotenv history ${shellWord(level)}`;
  return null;
}

export function buildSnippets(request: SnippetRequest): Partial<Record<SnippetKind, string>> {
  const cli = cliSnippet(request);
  return { ...(cli ? { cli } : {}), curl: curlSnippet(request), fetch: fetchSnippet(request), python: pythonSnippet(request) };
}
