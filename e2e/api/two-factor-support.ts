import { execFileSync } from "node:child_process";
import { expect, type APIRequestContext, type PlaywrightWorkerArgs, type TestInfo } from "@playwright/test";
import { generate } from "otplib";
import { isPostgres } from "./support";

// Fixtures for the two-factor specs. Sessions sign in through next-auth's real credentials
// endpoint; an authenticator app is enrolled through the same use cases the Account page calls
// (run in a separate process against this project's database, as the seed does), so a spec can
// compute codes with otplib from the secret it gets back.

export interface SessionClient {
  context: APIRequestContext;
  /** Same-origin request with the session cookie (changes need Sec-Fetch-Site: same-origin). */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Record<string, string> }>;
}

export async function signInSession(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, account: { email: string; password: string }): Promise<SessionClient> {
  const context = await playwright.request.newContext({ baseURL });
  const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await context.post("/api/auth/callback/credentials", { form: { email: account.email, password: account.password, csrfToken: csrf.csrfToken, json: "true" }, maxRedirects: 0 });
  expect(signedIn.status()).toBeLessThan(400);
  return {
    context,
    call: async (method, path, body) => {
      const response = await context.fetch(path, {
        method,
        headers: { "Sec-Fetch-Site": "same-origin", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
        data: body === undefined ? undefined : JSON.stringify(body),
        maxRedirects: 0,
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: response.status(), body: parsed, headers: response.headers() };
    },
  };
}

/** Enrols an authenticator app for `email` (its current time step is used up by the enrolment). */
export function enrolAuthenticator(testInfo: TestInfo, email: string): { secret: string; recovery_codes: string[] } {
  const script = `Promise.all([import("@/lib/data/db"), import("@/lib/services/two-factor/methods"), import("otplib")]).then(async ([{ getDb, closeDb }, methods, otplib]) => {
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { email: ${JSON.stringify(email)} }, select: { id: true, email: true } });
    const started = await methods.startTotpEnrolment(user);
    const actor = { actorType: "USER", actorId: user.id, actorLabel: user.email, source: "DASHBOARD", ip: null, userAgent: "e2e fixture" };
    const confirmed = await methods.confirmEnrolment(user, { method_id: started.method_id, code: await otplib.generate({ secret: started.secret }) }, actor);
    process.stdout.write(JSON.stringify({ secret: started.secret, recovery_codes: confirmed.recovery_codes }) + "\\n");
    await closeDb();
  })`;
  const output = execFileSync("npx", ["tsx", "--conditions=react-server", "-e", script], {
    encoding: "utf8",
    env: {
      ...process.env, DOTENV_MASTER_KEY: process.env.DOTENV_E2E_MASTER_KEY, NEXTAUTH_SECRET: process.env.DOTENV_E2E_SECRET, DOTENV_DATA_DIR: process.env.DOTENV_E2E_DATA_DIR,
      DATABASE_URL: isPostgres(testInfo) ? process.env.DOTENV_E2E_PG_URL : "", NODE_ENV: "development",
    },
  });
  return JSON.parse(output.trim().split("\n").at(-1)!);
}

/** The code of the time step after the current one: accepted (±1 step) even right after enrolment used the current step. */
export const nextTotp = (secret: string, stepsAhead = 1) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
