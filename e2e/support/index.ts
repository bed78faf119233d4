import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Small helpers for e2e specs: `import { uniqueEmail, strongPassword, artifactPath } from "./support";`

/** An address no other test (or earlier run on the same database) has used: `<prefix>-<time>-<random>@example.test`. */
export function uniqueEmail(prefix = "user"): string {
  const safe = prefix.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "user";
  return `${safe}-${Date.now()}-${randomBytes(4).toString("hex")}@example.test`;
}

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "!@#$%^&*-_=+?";
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/** A random password with lower/upper case letters, digits and symbols (default 24 characters). */
export function strongPassword(length = 24): string {
  if (length < 12) throw new Error("strongPassword: use at least 12 characters");
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/** Folder for screenshots kept as test artifacts (gitignored): e2e/.artifacts/. */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, "..", ".artifacts");

/** `e2e/.artifacts/<name>.png` (folder created), e.g. `await page.screenshot({ path: artifactPath("login") })`. */
export function artifactPath(name: string): string {
  const file = name.replace(/\.png$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-");
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, `${file}.png`);
}
