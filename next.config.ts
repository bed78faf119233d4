import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// docs/security.md#guarantees: strict CSP, no framing, no referrer. Next.js hydrates with inline scripts, so scripts
// need 'unsafe-inline' (and 'unsafe-eval' for React's dev tooling); nothing may load from elsewhere.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self'${isDev ? " ws:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several servers of this checkout run side by side (tests, benches).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole project in its static stage (tsc --noEmit) before building, so
  // the build may skip it; several people building one checkout then don't trip over each other's
  // unfinished files. A plain `next build` still type-checks.
  typescript: { ignoreBuildErrors: process.env.DOTENV_BUILD_SKIP_TYPECHECK === "1" },
  // Loaded from node_modules at run time: WASM and native modules must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
