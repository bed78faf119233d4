import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { secret: _, ...safe } = row` is how we drop a field; an underscore says "unused on purpose".
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // API contract tests (and the fault suite, a client of the API) read arbitrary JSON bodies.
    files: ["e2e/**", "scripts/fault-suite.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  { ignores: ["lib/cli/dist/**", ".next/**", ".next-*/**", "node_modules/**", "lib/data/generated/**", "test-results/**", "test-results-*/**", "playwright-report/**", ".data/**", "next-env.d.ts"] },
];

export default config;
