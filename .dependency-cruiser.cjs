// The dependency rule of the code (README "Code layout"), checked by `npm run check:deps` in the
// static stage of `npm test`:
//   app → (lib/api | lib/actions | lib/explorer) → lib/auth → lib/services → (authz, crypto, data, config)
//   components → (lib/client, lib/schemas, lib/crypto, lib/authz, lib/dotenv)
// plus: no import cycles anywhere, and the database only from lib/services (and lib/data itself).

/** Everything under lib/ except the listed folders (and lib/errors.ts, which every layer may use). */
const libExcept = (...allowed) => `^lib/(?!(${allowed.join("|")})/|errors\\.ts$)`;
const APP = "^(app|components|scripts|e2e|prisma)/";
const TESTS = "\\.test\\.ts$";

/** `from` may import only these folders of lib (and no app code). */
const only = (name, from, ...allowed) => [
  { name, comment: `${from} may import only lib/{${allowed.join(", ")}}`, severity: "error", from: { path: `^lib/${from}/` }, to: { path: libExcept(from, ...allowed) } },
  { name: `${name}-app`, comment: `${from} never imports app code (tests may use e2e tables and test databases)`, severity: "error", from: { path: `^lib/${from}/`, pathNot: TESTS }, to: { path: APP } },
];

/** `from` must not import these folders of lib (nor app code). */
const never = (name, from, ...forbidden) => [
  { name, comment: `${from} must not import lib/{${forbidden.join(", ")}}`, severity: "error", from: { path: `^lib/${from}/` }, to: { path: `^lib/(${forbidden.join("|")})/` } },
  { name: `${name}-app`, comment: `${from} never imports app code (tests may use e2e tables and test databases)`, severity: "error", from: { path: `^lib/${from}/`, pathNot: TESTS }, to: { path: APP } },
];

module.exports = {
  forbidden: [
    { name: "no-circular", comment: "import cycles hide which layer owns what", severity: "error", from: {}, to: { circular: true } },
    { name: "errors-is-a-leaf", severity: "error", from: { path: "^lib/errors\\.ts$" }, to: { path: "^(lib|app|components)/" } },

    ...only("authz-is-pure", "authz"),
    ...only("crypto-is-universal", "crypto"),
    ...only("config", "config", "crypto"),
    ...only("data", "data", "config"),
    ...only("schemas", "schemas", "authz", "crypto"),
    ...only("dotenv", "dotenv", "crypto"),
    ...only("mail", "mail"),
    ...only("client-is-browser-only", "client", "crypto", "dotenv", "schemas", "authz"),
    ...only("cli-is-a-thin-client", "cli", "crypto", "dotenv", "schemas"),

    ...never("services-below-transports", "services", "api", "auth", "actions", "http", "explorer", "client", "cli"),
    ...never("auth-below-api", "auth", "api", "actions", "explorer", "client", "cli"),
    ...never("http-below-auth", "http", "api", "auth", "actions", "explorer", "client", "cli"),
    ...never("actions-beside-api", "actions", "api", "explorer", "client", "cli"),
    ...never("api-below-explorer", "api", "actions", "explorer", "client", "cli"),
    ...never("explorer", "explorer", "actions", "client", "cli"),

    {
      name: "components-use-client-side-lib",
      comment: "components run in the browser: the API client, schemas, crypto, the policy, the .env format",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^lib/(services|data|api|auth|actions|http|explorer|config|mail|cli)/" },
    },
    {
      name: "database-only-from-services",
      comment: "lib/data is reached through lib/services (tests and scripts may open a database)",
      severity: "error",
      from: { path: "^(app|components|lib)/", pathNot: ["^lib/(services|data)/", "\\.test\\.ts$"] },
      to: { path: "^lib/data/(db|client|generated)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|lib/data/generated|lib/cli/dist)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
  },
};
