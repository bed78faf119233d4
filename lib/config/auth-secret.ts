import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDirectory } from "./data-directory";

// The key that signs session cookies: NEXTAUTH_SECRET (or AUTH_SECRET) when set — required for a
// real deployment, where every instance must share it — otherwise generated once under the data
// directory for the embedded default, like the master key (./master-key.ts).

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = (process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET)?.trim();
  if (fromEnv) return (cached = fromEnv);
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL) {
    throw new Error("NEXTAUTH_SECRET (or AUTH_SECRET) is required in production (DATABASE_URL is set).");
  }
  return (cached = readOrCreate(path.join(dataDirectory(), "auth.secret")));
}

function readOrCreate(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // An exclusive create: when two processes race, one writes and the other reads its value.
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} is damaged; delete it to sign everyone out and start afresh.`);
  return secret;
}
