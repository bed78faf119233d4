// Where next-auth may send the browser after signing in or out. Without NEXTAUTH_URL, next-auth
// takes http://localhost:3000 as the app's origin, so its default redirects sent people of an app
// on any other port (the README's own `PORT=…` setup) to a dead page. Redirects here always go to
// the configured public origin, or — when none is configured — the origin the request came to,
// and only the path, query and fragment of any URL are kept, so no redirect can leave it.

/** The path, query and fragment of `url`, as a path that cannot name another origin. */
export function sameOriginPath(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://same-origin.invalid");
  } catch {
    return "/";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "/";
  // "//host" or "/\host" would be read by a browser as another origin: keep one leading slash.
  const path = parsed.pathname.replace(/^[/\\]+/, "/");
  return `${path}${parsed.search}${parsed.hash}`;
}

/** NEXTAUTH_URL's origin when it is set (and valid), else the origin of the request being served. */
export function publicOrigin(requestUrl: string | undefined, configured = process.env.NEXTAUTH_URL?.trim()): string | null {
  for (const candidate of [configured, requestUrl]) {
    if (!candidate) continue;
    try {
      const { origin, protocol } = new URL(candidate);
      if (protocol === "http:" || protocol === "https:") return origin;
    } catch {
      // try the next one
    }
  }
  return null;
}

/**
 * An absolute URL on `origin` (next-auth's client parses the URL it is given, so it must be
 * absolute); next-auth's own `baseUrl` only when no origin is known.
 */
export function redirectTarget(url: string, origin: string | null, baseUrl: string): string {
  return `${origin ?? baseUrl}${sameOriginPath(url)}`;
}

/**
 * The origin the browser addressed: `request.url` under `next start` names localhost whatever the
 * Host header said, so the host comes from that header (the request's own; it can only send that
 * browser back to where it already is).
 */
export function requestOrigin(requestUrl: string, host: string | null): string {
  const url = new URL(requestUrl);
  return host ? `${url.protocol}//${host}` : url.origin;
}
