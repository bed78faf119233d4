import "server-only";
import { authSecret } from "./auth-secret";
import { loadMasterKey } from "./master-key";

// Fail fast: a server that cannot work must refuse to start with a message naming the variable,
// not serve pages and answer 503 at the first key use. Called once at start-up
// (instrumentation.ts) and by the command-line scripts that touch keys (the seed).

/** Throws an Error whose message names every variable that is missing or malformed. */
export async function assertConfiguration(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL.");
  const publicUrl = env.NEXTAUTH_URL?.trim();
  if (publicUrl && !isHttpUrl(publicUrl)) problems.push("NEXTAUTH_URL must be an http:// or https:// URL, e.g. https://secrets.example.com.");
  for (const [name, check] of [
    ["DOTENV_MASTER_KEY", loadMasterKey],
    ["NEXTAUTH_SECRET", async () => authSecret()],
  ] as const) {
    try {
      await check();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : `${name} could not be read.`);
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the configuration is not usable:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigurationError";
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
