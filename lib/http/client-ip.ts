// The client's address. Next.js appends the connecting peer's address to X-Forwarded-For, so the
// last entry is always the peer. Entries before it are only believed while the entry to their
// right is a proxy we were told to trust (DOTENV_TRUSTED_PROXIES, comma-separated), so a client
// cannot pick its own address for rate limits and audit records (docs/security.md#guarantees).

export function clientIp(forwardedFor: string | null | undefined, realIp?: string | null): string | null {
  const hops = (forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  if (hops.length === 0) return realIp?.trim() || null;
  const trusted = trustedProxies();
  let index = hops.length - 1;
  while (index > 0 && trusted.has(hops[index]!)) index--;
  return hops[index] ?? null;
}

function trustedProxies(): Set<string> {
  return new Set((process.env.DOTENV_TRUSTED_PROXIES ?? "").split(",").map((ip) => ip.trim()).filter(Boolean));
}
