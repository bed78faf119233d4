import "server-only";
import type { z } from "zod";
import { identifyCaller, principalInOrganization, type Caller } from "@/lib/auth/api-principal";
import { getDb } from "@/lib/data/db";
import type { Source } from "@/lib/data/generated/enums";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonError } from "@/lib/http/respond";
import { recordAuditEvent, type AuditActor } from "@/lib/services/audit/record";
import { consumeRateLimit, tokenRateLimit } from "@/lib/services/limits/rate-limit";
import type { OrgContext } from "./context";
import type { Endpoint, EndpointResult } from "./endpoint";
import { ENDPOINTS } from "./endpoints";
import { matchPath, splitPath } from "./match";

// The one pipeline every /api/v1 request goes through: match → authenticate → organization →
// rate limit → validate → use case → envelope. Use cases authorize and audit (lib/services).

const API_PREFIX = "/api/v1";
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export async function handleApiRequest(request: Request): Promise<Response> {
  try {
    return finish(await dispatch(request));
  } catch (error) {
    return finish(jsonError(error));
  }
}

function finish(response: Response): Response {
  // Nothing the API returns may be kept by a cache, whether or not it carries a secret.
  response.headers.set("Cache-Control", "no-store");
  return response;
}

async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const segments = splitPath(url.pathname.slice(API_PREFIX.length));
  if (!segments) throw new AppError("invalid_request", "The URL is not valid.");
  const matches = matchPath(ENDPOINTS, segments);
  const match = matches.find((candidate) => candidate.endpoint.method === request.method);
  if (!match) {
    if (matches.length === 0) throw new AppError("not_found", "There is no such endpoint. See /api/v1/openapi.json.");
    const allowed = [...new Set(matches.map((candidate) => candidate.endpoint.method))].join(", ");
    return Response.json({ error: "invalid_request", message: `Method not allowed here; use ${allowed}.` }, { status: 405, headers: { Allow: allowed } });
  }
  const { endpoint, params } = match;
  const path = url.pathname.slice(API_PREFIX.length) || "/";
  const db = await getDb();
  const requestContext = requestContextFrom(request.headers);
  const source = sourceOf(request);

  if (endpoint.public) {
    const actor: AuditActor = { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source, ...requestContext };
    const publicContext = { principal: null, organizationId: "", actor, db, path } as unknown as OrgContext;
    return respond(endpoint, await endpoint.handle(publicContext, await parseInput(endpoint, request, params, url)));
  }

  const anonymous: AuditActor = { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source, ...requestContext };
  let caller: Caller | null;
  try {
    caller = await identifyCaller(db, request);
    if (!caller) throw new AppError("unauthenticated", "Authentication required: send Authorization: Bearer <token>.");
  } catch (error) {
    if (error instanceof AppError) {
      await recordAuditEvent(db, anonymous, { organizationId: null, action: "auth.api.refused", resourcePath: path, outcome: "DENIED", status: error.status, metadata: { error: error.code } });
    }
    throw error;
  }
  const actor = actorFor(caller, source, requestContext);

  const organizationId = endpoint.organizationOfKey ? (caller.kind === "token" ? caller.organizationId : "") : (params.organization ?? "");
  const principal = ULID.test(organizationId) ? await principalInOrganization(caller, organizationId) : null;
  if (!principal || principal.organizationId !== organizationId) {
    await recordAuditEvent(db, actor, {
      organizationId: caller.kind === "token" ? caller.organizationId : null, action: "organization.access", resourcePath: path, outcome: "DENIED", status: 404,
    });
    throw new AppError("not_found", "The requested resource was not found.");
  }

  if (caller.kind === "token") {
    const limit = await consumeRateLimit(db, `api:token:${caller.tokenId}`, tokenRateLimit());
    if (!limit.allowed) throw new AppError("rate_limited", "Too many requests with this API key; slow down.", { retryAfter: limit.retryAfter });
  }

  const context: OrgContext = { principal, organizationId, actor, db, path };
  return respond(endpoint, await endpoint.handle(context, await parseInput(endpoint, request, params, url)));
}

async function parseInput(endpoint: Endpoint, request: Request, rawParams: Record<string, string>, url: URL) {
  const params = endpoint.params.safeParse(rawParams);
  // A path naming something that cannot exist is, to the caller, something that does not exist.
  if (!params.success) throw new AppError("not_found", "The requested resource was not found.");
  const query = parseWith(endpoint.query, Object.fromEntries(url.searchParams), "invalid_request", "The query string is not valid.");
  let body: unknown;
  if (endpoint.body) {
    const json = await readJsonBody(request, endpoint.maxBodyBytes, { emptyIsObject: true });
    body = parseWith(endpoint.body, json, "validation_failed", "The request body is not valid.");
  }
  return { params: params.data, query, body };
}

function parseWith(schema: z.ZodType | undefined, value: unknown, code: "invalid_request" | "validation_failed", fallback: string): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new AppError(code, details[0] ? `${details[0].path ? `${details[0].path}: ` : ""}${details[0].message}` : fallback, { details });
}

function respond(endpoint: Endpoint, result: EndpointResult): Response {
  if (result instanceof Response) return result;
  if ("empty" in result) return new Response(null, { status: 204 });
  return Response.json(result.meta ? { data: result.data, meta: result.meta } : { data: result.data }, { status: endpoint.status ?? 200 });
}

// Who made the request, for audit records: the CLI and the API Explorer say so in a header.
function sourceOf(request: Request): Source {
  const client = request.headers.get("x-dotenv-client")?.toLowerCase();
  if (client === "cli") return "CLI";
  if (client === "explorer") return "EXPLORER";
  return request.headers.get("authorization") ? "API" : "DASHBOARD";
}

function actorFor(caller: Caller, source: Source, context: { ip: string | null; userAgent: string | null }): AuditActor {
  return caller.kind === "token"
    ? { actorType: "TOKEN", actorId: caller.tokenId, actorLabel: `${caller.name} (${caller.publicId})`, source, ...context }
    : { actorType: "USER", actorId: caller.userId, actorLabel: caller.email, source, ...context };
}
