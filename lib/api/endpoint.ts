import type { z } from "zod";
import type { Permission } from "@/lib/authz";
import type { OrgContext } from "./context";

// One declaration per endpoint: its method and path, the zod schemas that validate (and document)
// its input, the permission it needs, and the use case it calls. The router, the OpenAPI document,
// the API Explorer's pre-flight and the authorization matrix test all read these declarations.

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface EndpointInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** What a use case returns: data for `{"data": …}`, a list page, nothing (204) or a raw response. */
export type EndpointResult = { data: unknown; meta?: Record<string, unknown> } | { empty: true } | Response;

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
  /** The permission checked (for docs and the Explorer's pre-flight); null when any valid caller may. */
  permission: Permission | null;
  /** 201 for creation, 204 for deletion. */
  status?: 200 | 201 | 204;
  /** Responses carry secrets: send Cache-Control: no-store. */
  sensitive?: boolean;
  /** Largest accepted JSON body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Reachable without credentials (only the OpenAPI document). */
  public?: boolean;
  /**
   * No {organization} in the path: an API key's own organization is used (GET /whoami, so a CLI
   * needs nothing but its key). Session callers have no single organization and get 404.
   */
  organizationOfKey?: boolean;
  /** Public endpoints receive no principal and no organization; all others an OrgContext. */
  handle(context: OrgContext, input: EndpointInput<P, Q, B>): Promise<EndpointResult>;
}

export function defineEndpoint<P, Q = Record<string, never>, B = undefined>(endpoint: Endpoint<P, Q, B>): Endpoint<P, Q, B> {
  return endpoint;
}

export const ok = (data: unknown, meta?: Record<string, unknown>): EndpointResult => (meta ? { data, meta } : { data });
export const noContent = (): EndpointResult => ({ empty: true });
