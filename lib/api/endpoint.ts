import type { z } from "zod";
import type { Permission } from "@/lib/authz";
import type { Access } from "@/lib/services/access/enforce";
import type { AccessPlan } from "@/lib/services/access/plan";
import type { ServiceContext } from "@/lib/services/context";

// One declaration per endpoint: its method and path, the zod schemas that validate (and document)
// its input, the access plan it needs (`requires`), and the use case it calls. The router enforces
// the plan before the use case runs; the OpenAPI document, the API Explorer's pre-flight and the
// authorization-matrix tests read the same declarations, so none of them can drift.

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface EndpointInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/**
 * What a handler returns: data for `{"data": …}` (a list page adds `meta`; a few add a human
 * `message`), nothing (204), a text body (raw .env), or a Response: the OpenAPI document, and
 * streamed bodies (the audit log's export), which `produces` then names for the OpenAPI document.
 */
export type EndpointResult =
  | { data: unknown; meta?: Record<string, unknown>; message?: string }
  | { empty: true }
  | { text: string; contentType: string }
  | Response;

export interface Endpoint<P = unknown, Q = unknown, B = unknown> {
  id: string;
  method: HttpMethod;
  /** OpenAPI-style template below /api/v1, e.g. "/{organization}/{project}/secrets". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The access plan: what the call names and which permissions it needs where (lib/services/access/plan.ts). */
  requires(input: EndpointInput<P, Q, B>): AccessPlan;
  /** 201 for creation, 204 for deletion. */
  status?: 200 | 201 | 204;
  /** Responses carry secrets: send Cache-Control: no-store. */
  sensitive?: boolean;
  /** Content types of a success that is not the JSON envelope (a streamed export). */
  produces?: string[];
  /** Largest accepted JSON body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Reachable without credentials (only the OpenAPI document). */
  public?: boolean;
  /**
   * No {organization} in the path: an API key's own organization is used (GET /whoami, so a CLI
   * needs nothing but its key). Session callers have no single organization and get 404.
   */
  organizationOfKey?: boolean;
  /** Runs after `requires` was enforced, with what it found. Public endpoints receive no principal. */
  handle(context: ServiceContext, input: EndpointInput<P, Q, B>, access: Access): Promise<EndpointResult>;
}

export function defineEndpoint<P, Q = Record<string, never>, B = undefined>(endpoint: Endpoint<P, Q, B>): Endpoint<P, Q, B> {
  return endpoint;
}

export const ok = (data: unknown, meta?: Record<string, unknown>): EndpointResult => (meta ? { data, meta } : { data });
export const noContent = (): EndpointResult => ({ empty: true });
export const page = (result: { data: unknown; meta: Record<string, unknown> }): EndpointResult => ok(result.data, result.meta);

/** The permission an endpoint documents (OpenAPI `x-permission`): the first its plan checks for a plain call. */
export function documentedPermission(endpoint: Endpoint): Permission | null {
  return endpoint.requires({ params: {}, query: {}, body: {} }).checks[0]?.permission ?? null;
}
