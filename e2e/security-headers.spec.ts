import { expect, test } from "@playwright/test";
import { createOrganization, signIn } from "./support/dashboard";

// Pages run under a strict Content-Security-Policy: only scripts carrying this response's nonce
// run (no 'unsafe-inline'), and the pages work under it — nothing is refused, the theme is applied
// before the first paint by the one inline script of ours. API answers allow nothing at all.

test("pages get a fresh script nonce, work under it, and the browser refuses nothing", async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });

  const first = await page.goto("/login");
  const policy = first!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("'strict-dynamic'");
  expect(policy.split("; ").find((directive) => directive.startsWith("script-src"))).not.toContain("unsafe-inline");
  expect(policy).toContain("frame-ancestors 'none'");
  // Our inline theme script carries the very nonce of this response (the browser hides it from the DOM attribute).
  expect(await page.locator("head script").first().evaluate((script) => (script as HTMLScriptElement).nonce)).toBe(nonce);
  const second = await page.goto("/login");
  expect(/'nonce-([^']+)'/.exec(second!.headers()["content-security-policy"]!)?.[1]).not.toBe(nonce);

  await page.evaluate(() => localStorage.setItem("dotenv-theme", "dark"));
  // Through the login form: its script has to run under the policy to sign in at all.
  const organization = createOrganization(testInfo);
  await signIn(page, organization.owner.email, organization.owner.password);
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.goto("/dashboard/projects/my-app");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("API answers carry a policy that allows nothing to run or frame them", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
