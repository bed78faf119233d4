import type { NextConfig } from "next";

// Headers every response carries (docs/security.md#guarantees). Pages get their
// Content-Security-Policy, with a per-response script nonce, and HSTS from proxy.ts; anything else
// (API answers, static files) gets a policy that allows nothing to run or frame it.
const LOCKED_DOWN_POLICY = "default-src 'none'; frame-ancestors 'none'";

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
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: LOCKED_DOWN_POLICY }],
      },
    ];
  },
};

export default nextConfig;
