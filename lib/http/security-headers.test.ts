import { describe, expect, it } from "vitest";
import { pageSecurityHeaders } from "./security-headers";

describe("page security headers", () => {
  it("lets only scripts with this response's nonce run: no 'unsafe-inline' or 'unsafe-eval' in production", () => {
    const headers = pageSecurityHeaders("bm9uY2U=", { NODE_ENV: "production" });
    const scripts = headers["Content-Security-Policy"].split("; ").find((directive) => directive.startsWith("script-src "))!;
    expect(scripts).toBe("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  });

  it("sends HSTS only when the public URL is https", () => {
    expect(pageSecurityHeaders("n", { NODE_ENV: "production", NEXTAUTH_URL: "https://secrets.example.com" })["Strict-Transport-Security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(pageSecurityHeaders("n", { NODE_ENV: "production", NEXTAUTH_URL: "http://localhost:3000" })).not.toHaveProperty("Strict-Transport-Security");
    expect(pageSecurityHeaders("n", { NODE_ENV: "production" })).not.toHaveProperty("Strict-Transport-Security");
  });
});
