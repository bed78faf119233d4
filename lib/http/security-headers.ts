// The headers of every page (proxy.ts sets them per response, with a fresh script nonce):
// docs/security.md#guarantees.

export interface PageSecurityHeaders {
  "Content-Security-Policy": string;
  "Strict-Transport-Security"?: string;
}

export function pageSecurityHeaders(nonce: string, env: { NODE_ENV?: string; NEXTAUTH_URL?: string }): PageSecurityHeaders {
  // React's development tooling evaluates code; production needs no 'unsafe-eval'.
  const development = env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run; 'strict-dynamic' lets them load Next.js's chunks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React's style={…}) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  // Once a browser has seen the site over https, it never tries plain http again (two years).
  const https = env.NEXTAUTH_URL?.trim().startsWith("https://") ?? false;
  return { "Content-Security-Policy": policy, ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}) };
}
