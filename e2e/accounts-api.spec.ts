import { expect, test } from "@playwright/test";
import { strongPassword, uniqueEmail } from "./support";

// Bad input over raw HTTP: every refusal is a 4xx JSON error (docs/api.md#conventions), never a 500 or HTML.

const ONE_MEGABYTE = "a".repeat(1024 * 1024);

test.describe("sign-up endpoint", () => {
  const cases: [string, string, number, string][] = [
    ["empty body", "", 400, "invalid_request"],
    ["malformed JSON", "{\"name\":", 400, "invalid_request"],
    ["a JSON array", "[]", 400, "invalid_request"],
    ["empty fields", JSON.stringify({ name: "", email: "", password: "" }), 422, "validation_failed"],
    ["wrong types", JSON.stringify({ name: 5, email: ["x"], password: null }), 422, "validation_failed"],
    ["a malformed email", JSON.stringify({ name: "M", email: "no-at-sign", password: strongPassword() }), 422, "validation_failed"],
    ["a 1 MB field", JSON.stringify({ name: "M", email: uniqueEmail("big"), password: ONE_MEGABYTE }), 413, "payload_too_large"],
  ];
  for (const [what, body, status, code] of cases) {
    test(`answers ${status} ${code} for ${what}`, async ({ request }) => {
      const response = await request.post("/api/auth/signup", { data: body, headers: { "Content-Type": "application/json" } });
      expect(response.status()).toBe(status);
      expect(response.headers()["content-type"]).toContain("application/json");
      const json = await response.json();
      expect(json.error).toBe(code);
      expect(typeof json.message).toBe("string");
    });
  }

  test("answers a taken email exactly like a new one, so nobody learns who has an account", async ({ request }) => {
    const body = { name: "Linus", email: uniqueEmail("dup"), password: strongPassword() };
    const first = await request.post("/api/auth/signup", { data: body });
    expect(first.status()).toBe(201);
    const again = await request.post("/api/auth/signup", { data: { ...body, email: body.email.toUpperCase() } });
    expect(again.status()).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(await first.json()).toEqual({ data: { email: body.email, name: "Linus" } });
  });
});

test.describe("sign-in endpoint", () => {
  async function credentialsPost(request: import("@playwright/test").APIRequestContext, form: Record<string, string>) {
    const csrf = await (await request.get("/api/auth/csrf")).json();
    return request.post("/api/auth/callback/credentials", {
      form: { ...form, csrfToken: csrf.csrfToken, json: "true" },
      maxRedirects: 0,
    });
  }

  for (const [what, form] of [
    ["empty fields", { email: "", password: "" }],
    ["a malformed email", { email: "nope", password: "whatever-password" }],
    ["a 1 MB password", { email: "someone@example.test", password: ONE_MEGABYTE }],
    ["an unknown account", { email: uniqueEmail("ghost"), password: "whatever-password" }],
  ] as const) {
    test(`refuses ${what} without a server error or a session`, async ({ request }) => {
      const response = await credentialsPost(request, form);
      expect(response.status()).toBeLessThan(500);
      const session = await (await request.get("/api/auth/session")).json();
      expect(session?.user).toBeUndefined();
    });
  }

  test("a correct password does open a session (so the refusals above mean something)", async ({ request }) => {
    const account = { name: "Real", email: uniqueEmail("real"), password: strongPassword() };
    expect((await request.post("/api/auth/signup", { data: account })).status()).toBe(201);
    const response = await credentialsPost(request, { email: account.email, password: account.password });
    expect(response.status()).toBeLessThan(400);
    const session = await (await request.get("/api/auth/session")).json();
    expect(session?.user?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
