import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/services/context";
import { clientIp } from "./client-ip";

export function requestContextFrom(source: Headers): RequestContext {
  return {
    ip: clientIp(source),
    userAgent: source.get("user-agent")?.slice(0, 512) ?? null,
  };
}

/** The request context inside server components and server actions. */
export async function currentRequestContext(): Promise<RequestContext> {
  return requestContextFrom(await headers());
}
