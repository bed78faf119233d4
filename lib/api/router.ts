import "server-only";
import { identifyCaller, principalInOrganization, type Caller } from "@/lib/auth/api-principal";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { requestContextFrom } from "@/lib/http/context";
import { jsonError, type FailedRequest } from "@/lib/http/respond";
import { Access, enforce } from "@/lib/services/access/enforce";
import { recordAuditEvent, type AuditActor, type Source } from "@/lib/services/audit/record";
import { recordUnauthenticatedRefusal } from "@/lib/services/audit/refusals";
import type { ServiceContext } from "@/lib/services/context";
import { consumeBufferedRateLimit, tokenRateLimit } from "@/lib/services/limits/rate-limit";
import { requireTwoFactorStanding } from "@/lib/services/two-factor/standing";
import { housekeepingTick } from "@/lib/services/tokens/housekeeping";
import type { Endpoint, EndpointResult } from "./endpoint";
import { ENDPOINTS } from "./endpoints";
import { parseEndpointInput } from "./input";
import { matchPath, splitPath } from "./match";

// The one pipeline every /api/v1 request goes through: match → authenticate (a session waiting for
// its second factor: 401 two_factor_required) → organization → 2FA enforcement (sessions) → rate
// limit → validate → enforce the endpoint's access plan → use case → envelope.

const API_PREFIX = "/api/v1";
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export async function handleApiRequest(request: Request): Promise<Response> {
  // Named once the endpoint is matched: an unexpected failure is logged with the route template.
  const failed: FailedRequest = { route: `${request.method} /api/v1` };
  // Time-driven work (grace periods, expiry reminders) rides on requests; at most once a minute.
  await housekeepingTick();
  try {
    return finish(await dispatch(request, failed));
  } catch (error) {
    return finish(jsonError(error, failed));
  }
}

function finish(response: Response): Response {
  // Nothing the API returns may be kept by a cache, whether or not it carries a secret.
  response.headers.set("Cache-Control", "no-store");
  return response;
}

async function dispatch(request: Request, failed: FailedRequest): Promise<Response> {
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
  failed.route = `${endpoint.method} /api/v1${endpoint.path}`;
  const path = url.pathname.slice(API_PREFIX.length) || "/";
  const requestContext = requestContextFrom(request.headers);
  const source = sourceOf(request);
  const anonymous: AuditActor = { actorType: "ANONYMOUS", actorId: null, actorLabel: "anonymous", source, ...requestContext };

  if (endpoint.public) {
    const publicContext = { principal: null, organizationId: "", actor: anonymous, path } as unknown as ServiceContext;
    return respond(endpoint, await endpoint.handle(publicContext, await readInput(endpoint, request, params, url), new Access(null, null)));
  }

  let caller: Caller | null;
  try {
    caller = await identifyCaller(request);
    if (!caller) throw new AppError("unauthenticated", "Authentication required: send Authorization: Bearer <token>.");
  } catch (error) {
    // Anyone can send these, as fast as they like: counted per address and minute, one audit event
    // per window, and 429 past the limit (lib/services/audit/refusals.ts).
    if (error instanceof AppError) {
      await recordUnauthenticatedRefusal(anonymous, { action: "auth.api.refused", resourcePath: path, reason: error.code, status: error.status });
    }
    throw error;
  }
  const actor = actorFor(caller, source, requestContext);

  const organizationId = endpoint.organizationOfKey ? (caller.kind === "token" ? caller.organizationId : "") : (params.organization ?? "");
  const principal = ULID.test(organizationId) ? await principalInOrganization(caller, organizationId) : null;
  if (!principal || principal.organizationId !== organizationId) {
    await recordAuditEvent(actor, {
      organizationId: caller.kind === "token" ? caller.organizationId : null, action: "organization.access", resourcePath: path, outcome: "DENIED", status: 404,
    });
    throw new AppError("not_found", "The requested resource was not found.");
  }

  // A person whose 2FA grace period in this organization is over reaches nothing of it (403
  // two_factor_required). API keys are organization keys: enforcement never applies to them.
  if (caller.kind === "user") await requireTwoFactorStanding(actor, caller.userId, organizationId, path);

  if (caller.kind === "token") {
    const limit = consumeBufferedRateLimit(`api:token:${caller.tokenId}`, tokenRateLimit());
    if (!limit.allowed) throw new AppError("rate_limited", "Too many requests with this API key; slow down.", { retryAfter: limit.retryAfter });
  }

  const context: ServiceContext = { principal, organizationId, actor, path };
  const input = await readInput(endpoint, request, params, url);
  const access = await enforce(context, endpoint.requires(input));
  return respond(endpoint, await endpoint.handle(context, input, access));
}

async function readInput(endpoint: Endpoint, request: Request, params: Record<string, string>, url: URL) {
  const body = endpoint.body ? await readJsonBody(request, endpoint.maxBodyBytes, { emptyIsObject: true }) : undefined;
  return parseEndpointInput(endpoint, { params, query: Object.fromEntries(url.searchParams), body });
}

function respond(endpoint: Endpoint, result: EndpointResult): Response {
  if (result instanceof Response) return result;
  if ("empty" in result) return new Response(null, { status: 204 });
  if ("text" in result) return new Response(result.text, { headers: { "Content-Type": result.contentType } });
  const { data, meta, message } = result;
  // A deletion that answers data (a dry run) answers 200: 204 carries no body.
  const status = endpoint.status === 204 ? 200 : (endpoint.status ?? 200);
  return Response.json({ data, ...(meta ? { meta } : {}), ...(message ? { message } : {}) }, { status });
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
