import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { request as requests, type APIRequestContext, type TestInfo } from "@playwright/test";

// Helpers for API contract tests (e2e/api/**). They run against the server of the current project:
// "api" (embedded database) or "api-postgres". Fixtures are made the way an operator would: the
// seed command creates an organization with an Owner and an allow-all token; everything else goes
// through the public API.

export interface OrganizationFixture {
  organizationId: string;
  owner: { email: string; password: string };
  /** Allow-all token of the organization (as printed by the seed). */
  token: string;
  /** The server it lives on (this Playwright project's). */
  baseURL: string;
}

/** A fresh organization with the demo project my-app → backend → production, on this project's server. */
export function createOrganization(testInfo: TestInfo, name = `Org ${randomBytes(4).toString("hex")}`): OrganizationFixture {
  const email = `owner-${Date.now()}-${randomBytes(3).toString("hex")}@example.test`;
  const seed = isPostgres(testInfo) ? seedThroughServer(name, email) : seedInProcess(name, email);
  return { organizationId: seed.organization_id, owner: seed.owner, token: seed.token, baseURL: testInfo.project.use.baseURL! };
}

interface Seed {
  organization_id: string;
  owner: { email: string; password: string };
  token: string;
}

const SEED_ENV = { DOTENV_MASTER_KEY: process.env.DOTENV_E2E_MASTER_KEY, DOTENV_DATA_DIR: process.env.DOTENV_E2E_DATA_DIR, NODE_ENV: "development" as const };

/**
 * The seed command, one process per organization: on the embedded database every process is one
 * more connection to PGlite's single session (taking turns with the server's, lib/data/embedded-turns.ts).
 * (node with tsx's loader directly: npx would add a process and ~0.5 s of CPU.)
 */
function seedInProcess(name: string, email: string): Seed {
  const output = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts", "--json", `--organization=${name}`, `--owner=${email}`], {
    cwd: REPOSITORY,
    encoding: "utf8",
    env: { ...process.env, ...SEED_ENV, DATABASE_URL: "" },
  });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Seed;
}

/** On PostgreSQL (a session per connection), this worker's seed server answers: no process start per organization. */
function seedThroughServer(name: string, email: string): Seed {
  const server = seedServer();
  // Synchronous like the seed command: a bare node (tens of ms) carries one request.
  const output = execFileSync(process.execPath, ["-e", SEED_CLIENT, server.socketPath, String(server.pid), JSON.stringify({ organization: name, owner: email })], { encoding: "utf8" });
  const answer = JSON.parse(output.trim()) as { seed?: Seed; error?: string };
  if (!answer.seed) throw new Error(`seed failed: ${answer.error}`);
  return answer.seed;
}

const REPOSITORY = path.resolve(import.meta.dirname, "..", "..");
let seedServerOfWorker: { socketPath: string; pid: number } | undefined;

/** This worker's seed server (e2e/support/seed-server.ts) on the PostgreSQL database, started on first use. */
function seedServer(): { socketPath: string; pid: number } {
  if (seedServerOfWorker) return seedServerOfWorker;
  const socketPath = path.join(process.env.DOTENV_E2E_DATA_DIR!, `seed-${process.pid}.sock`);
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/seed-server.ts", socketPath], {
    cwd: REPOSITORY,
    stdio: ["pipe", "inherit", "inherit"],
    env: { ...process.env, ...SEED_ENV, DATABASE_URL: process.env.DOTENV_E2E_PG_URL },
  });
  // Neither the child nor the pipe to it keeps the worker alive; the pipe closing ends the child.
  child.unref();
  (child.stdin as unknown as { unref(): void }).unref();
  seedServerOfWorker = { socketPath, pid: child.pid! };
  return seedServerOfWorker;
}

// Sends one request line and prints the answer line; waits while the server is still starting
// (no socket yet), gives up at once if it died.
const SEED_CLIENT = `
const net = require("node:net");
const [socketPath, pid, request] = process.argv.slice(1);
const deadline = Date.now() + 120000;
function attempt() {
  let output = "";
  const connection = net.createConnection(socketPath);
  connection.setEncoding("utf8");
  connection.on("connect", () => connection.write(request + "\\n"));
  connection.on("data", (chunk) => (output += chunk));
  connection.on("end", () => process.stdout.write(output));
  connection.on("error", (error) => {
    let alive = true;
    try { process.kill(Number(pid), 0); } catch { alive = false; }
    if (output || !alive || Date.now() > deadline) {
      process.stderr.write("seed server " + (alive ? "unreachable" : "exited") + ": " + error.message + "\\n");
      process.exit(1);
    }
    setTimeout(attempt, 100);
  });
}
attempt();
`;

/** A client-managed key setup: lib/crypto/crypto-vectors.json case 2 (600,000 iterations). */
export const VECTOR_KEY = { salt: "8OHSw7Sllod4aVpLPC0eDw==", iterations: 600_000, key_proof: "9A6t5I4D9bbE4Gg6oATgPJnhUhxkjqerSCnsxGTR26w=" };

export function isPostgres(testInfo: TestInfo): boolean {
  return testInfo.project.name === "api-postgres";
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

/** A tiny client for /api/v1 with a token; `path` is below /api/v1. */
export function apiClient(request: APIRequestContext, token: string | null, extraHeaders: Record<string, string> = {}) {
  const headers = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extraHeaders };
  async function send(method: string, path: string, body?: unknown, options: { raw?: string } = {}): Promise<ApiResponse> {
    const response = await request.fetch(`/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined || options.raw !== undefined ? { "Content-Type": "application/json" } : {}) },
      data: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      maxRedirects: 0,
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status(), headers: response.headers(), body: parsed, text };
  }
  return {
    get: (path: string) => send("GET", path),
    post: (path: string, body?: unknown) => send("POST", path, body ?? {}),
    postRaw: (path: string, raw: string) => send("POST", path, undefined, { raw }),
    patch: (path: string, body: unknown) => send("PATCH", path, body),
    delete: (path: string, body?: unknown) => send("DELETE", path, body),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/**
 * A person's own session on the API, as the dashboard calls it: signs in through next-auth's
 * credentials endpoint in a fresh request context (its own cookie jar) and sends Sec-Fetch-Site
 * like a browser page of the app. Dispose of `context` when done.
 */
export async function sessionClient(baseURL: string, account: { email: string; password: string }) {
  const context = await requests.newContext({ baseURL });
  await signInWithCredentials(context, account);
  return { context, api: apiClient(context, null, { "Sec-Fetch-Site": "same-origin" }) };
}

/**
 * Signs in on `context`'s cookie jar as the login form does (next-auth's credentials callback) and
 * checks that a session opened — a wrong password is a redirect too. Returns the session's user id.
 */
export async function signInWithCredentials(context: APIRequestContext, account: { email: string; password: string }): Promise<string> {
  const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await context.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken: csrf.csrfToken, json: "true" }, maxRedirects: 0,
  });
  if (signedIn.status() >= 400) throw new Error(`sign-in failed: ${signedIn.status()}`);
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { id?: string; email?: string } } | null;
  if (session?.user?.email !== account.email.toLowerCase() || !session.user.id) throw new Error(`sign-in as ${account.email} did not open a session`);
  return session.user.id;
}

/**
 * The secret of the newest invitation to `email`, from the link in the development outbox (read by
 * the Owner, who may invite): what the invited person would find in their mail.
 */
export async function invitationSecret(organization: OrganizationFixture, email: string): Promise<string> {
  const owner = await sessionClient(organization.baseURL, organization.owner);
  try {
    const page = await (await owner.context.get("/dashboard/outbox")).text();
    const message = page.split('data-testid="outbox-message"').find((chunk) => chunk.includes(`data-testid="outbox-recipient">${email}<`));
    const secret = message?.match(/\/invitations\/accept#([A-Za-z0-9_-]{43})/)?.[1];
    if (!secret) throw new Error(`no invitation link for ${email} in the outbox`);
    return secret;
  } finally {
    await owner.context.dispose();
  }
}

/**
 * Makes an existing account a member with `role` (lowercase API role) the only way there is: the
 * organization's key invites the address, and the person accepts the emailed link in their session.
 * Returns the membership as the members list shows it.
 */
export async function joinOrganization(organization: OrganizationFixture, account: { email: string; password: string }, role: string) {
  const owner = await requests.newContext({ baseURL: organization.baseURL });
  try {
    const invited = await apiClient(owner, organization.token).post(`/${organization.organizationId}/members`, { email: account.email, role });
    if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${invited.text}`);
    const secret = await invitationSecret(organization, account.email.toLowerCase());
    const person = await sessionClient(organization.baseURL, account);
    try {
      const accepted = await person.context.post("/api/invitations/accept", { data: { secret }, headers: { "Sec-Fetch-Site": "same-origin" } });
      if (accepted.status() !== 200) throw new Error(`accepting failed: ${accepted.status()} ${await accepted.text()}`);
    } finally {
      await person.context.dispose();
    }
    const members = await apiClient(owner, organization.token).get(`/${organization.organizationId}/members?limit=100`);
    const member = (members.body.data as { id: string; user: { email: string } }[]).find((item) => item.user.email === account.email.toLowerCase());
    if (!member) throw new Error(`${account.email} is not a member after accepting`);
    return member;
  } finally {
    await owner.dispose();
  }
}
