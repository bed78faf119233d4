import { expect, request as requests, test, type APIRequestContext } from "@playwright/test";
import { strongPassword, uniqueEmail } from "../support";
import { startOwnServer, type OwnServer } from "../support/own-server";
import { isPostgres } from "./support";

// What an attacker on the network tries against sign-in and sign-up, on a server of its own that
// trusts one reverse proxy (127.0.0.1, as `DOTENV_TRUSTED_PROXIES` says), so the clients' addresses
// can be played through X-Forwarded-For the way that proxy would pass them:
//
// - a client address comes from the socket and trusted proxies only, never from what a client writes;
// - ten wrong passwords from one address stop that address (429 + Retry-After), not the account:
//   its owner still signs in from elsewhere;
// - sign-ups are limited per address before any password is hashed;
// - an unauthenticated 10 MiB body is refused by its declared length before anything reads it.

test.describe.configure({ mode: "serial" });
test.beforeEach(({}, testInfo) => {
  test.skip(isPostgres(testInfo), "one server of its own is enough (embedded database)");
});

let server: OwnServer | undefined;
let origin = "";

test.beforeAll(async () => {
  test.setTimeout(150_000);
  server = await startOwnServer("abuse", (origin) => ({ NODE_ENV: "production", DOTENV_TRUSTED_PROXIES: "127.0.0.1", NEXTAUTH_URL: origin }));
  origin = server.origin;
});

test.afterAll(() => server?.stop());

/** A fresh request context that says, like the trusted proxy would, which client it forwards. */
async function from(client: string): Promise<APIRequestContext> {
  return requests.newContext({ baseURL: origin, extraHTTPHeaders: { "X-Forwarded-For": client } });
}

async function signIn(context: APIRequestContext, email: string, password: string) {
  const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return context.post("/api/auth/callback/credentials", { form: { email, password, csrfToken: csrf.csrfToken, json: "true" }, maxRedirects: 0 });
}

test("ten wrong passwords stop the address that sent them, not the account: its owner still signs in", async () => {
  const owner = { name: "Owner", email: uniqueEmail("owner"), password: strongPassword() };
  const home = await from("198.51.100.7");
  expect((await home.post("/api/auth/signup", { data: owner })).status()).toBe(201);
  expect((await signIn(home, owner.email, owner.password)).status()).toBe(200);

  const attacker = await from("203.0.113.66");
  for (let attempt = 0; attempt < 10; attempt++) expect((await signIn(attacker, owner.email, "guess-guess-guess")).status()).toBe(401);
  const refused = await signIn(attacker, owner.email, owner.password);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused.json()).error).toBe("rate_limited");

  // The owner, from the address they use and from a new one, is not locked out.
  expect((await signIn(await from("198.51.100.7"), owner.email, owner.password)).status()).toBe(200);
  expect((await signIn(await from("192.0.2.44"), owner.email, owner.password)).status()).toBe(200);
});

test("what a client writes into X-Forwarded-For does not choose its address: only the trusted proxy's last hop counts", async () => {
  const victim = { name: "Victim", email: uniqueEmail("victim"), password: strongPassword() };
  const setup = await from("198.51.100.8");
  expect((await setup.post("/api/auth/signup", { data: victim })).status()).toBe(201);
  // The proxy appends the real client (203.0.113.67) to whatever the client claimed.
  for (let attempt = 0; attempt < 10; attempt++) {
    expect((await signIn(await from(`10.${attempt}.0.1, 203.0.113.67`), victim.email, "guess-guess-guess")).status()).toBe(401);
  }
  expect((await signIn(await from("1.2.3.4, 203.0.113.67"), victim.email, victim.password)).status()).toBe(429);
});

test("sign-ups are limited per address (429 before any password is hashed), and a taken email is answered like a new one", async () => {
  const client = await from("203.0.113.99");
  const statuses: number[] = [];
  for (let index = 0; index < 21; index++) {
    statuses.push((await client.post("/api/auth/signup", { data: { name: "Bulk", email: uniqueEmail("bulk"), password: strongPassword() } })).status());
  }
  expect(statuses.slice(0, 20).every((status) => status === 201)).toBe(true);
  expect(statuses[20]).toBe(429);
  // Another address is not affected.
  expect((await (await from("203.0.113.100")).post("/api/auth/signup", { data: { name: "Other", email: uniqueEmail("other"), password: strongPassword() } })).status()).toBe(201);
});

test("a 10 MiB unauthenticated body is refused by its declared length (413 JSON) before anything reads it", async () => {
  const client = await from("203.0.113.101");
  const response = await client.post("/api/v1/01ARZ3NDEKTSV4RRFFQ69G5FAV/secrets/store", { data: "x".repeat(10 * 1024 * 1024), headers: { "Content-Type": "application/json" } });
  expect(response.status()).toBe(413);
  expect((await response.json()).error).toBe("payload_too_large");
});
