// The client's address, for rate limits and audit records (docs/security.md#guarantees). The HTTP
// server stamps the connecting peer's address on every request (lib/http/server-hooks.ts), over
// anything a client sent under that name. That peer is the client — unless it is a proxy we were
// told to trust (DOTENV_TRUSTED_PROXIES, comma-separated): then X-Forwarded-For is read from the
// right, each entry believed only while the hop that added it is trusted. So no client can choose
// its own address, however it fills X-Forwarded-For.

export const PEER_HEADER = "x-dotenv-peer";

interface HeaderSource {
  get(name: string): string | null | undefined;
}

export function clientIp(headers: HeaderSource): string | null {
  const peer = normalize(headers.get(PEER_HEADER));
  if (!peer) return null;
  const trusted = trustedProxies();
  let client = peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  while (trusted.has(client) && hops.length > 0) client = hops.pop()!;
  return client;
}

/** "::ffff:10.0.0.5" (an IPv4 peer on a dual-stack socket) is 10.0.0.5. */
function normalize(address: string | null | undefined): string {
  const trimmed = (address ?? "").trim();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice("::ffff:".length) : trimmed;
}

function trustedProxies(): Set<string> {
  return new Set((process.env.DOTENV_TRUSTED_PROXIES ?? "").split(",").map(normalize).filter(Boolean));
}
