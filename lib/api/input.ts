import { AppError } from "@/lib/errors";
import { parseInput, unstorableText } from "@/lib/schemas/parse";
import type { Endpoint, EndpointInput } from "./endpoint";

// An endpoint's input, validated by the schemas that document it: the router runs this on every
// request, and the API Explorer's pre-flight on the call it is asked about, so both answer alike.

export interface RawInput {
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body as read (only for endpoints that take one). */
  body: unknown;
}

export function parseEndpointInput(endpoint: Endpoint, raw: RawInput): EndpointInput<unknown, unknown, unknown> {
  const params = endpoint.params.safeParse(raw.params);
  // A path naming something that cannot exist is, to the caller, something that does not exist.
  if (!params.success || unstorableText(raw.params)) throw new AppError("not_found", "The requested resource was not found.");
  return {
    params: params.data,
    query: endpoint.query ? parseInput(endpoint.query, raw.query, "invalid_request") : {},
    body: endpoint.body ? parseInput(endpoint.body, raw.body ?? {}) : undefined,
  };
}
