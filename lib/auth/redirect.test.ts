import { describe, expect, it } from "vitest";
import { publicOrigin, redirectTarget, requestOrigin, sameOriginPath } from "./redirect";

describe("sameOriginPath", () => {
  it("keeps paths", () => {
    expect(sameOriginPath("/login")).toBe("/login");
    expect(sameOriginPath("/dashboard/projects/x?tab=1#row")).toBe("/dashboard/projects/x?tab=1#row");
  });

  it("reduces any absolute URL to its path", () => {
    expect(sameOriginPath("http://localhost:3000/login")).toBe("/login");
    expect(sameOriginPath("https://evil.example/steal")).toBe("/steal");
  });

  it("never yields a path a browser reads as another origin", () => {
    expect(sameOriginPath("//evil.example/steal")).toBe("/steal");
    expect(sameOriginPath("https://app.example//evil.example")).toBe("/evil.example");
    expect(sameOriginPath("/\\evil.example")).toBe("/");
    expect(sameOriginPath("javascript:alert(1)")).toBe("/");
  });
});

describe("redirectTarget", () => {
  it("stays on the request's origin when NEXTAUTH_URL is unset (the sign-out bug on another port)", () => {
    const origin = publicOrigin("http://127.0.0.1:3602/api/auth/signout", undefined);
    expect(origin).toBe("http://127.0.0.1:3602");
    expect(redirectTarget("/login", origin, "http://localhost:3000")).toBe("http://127.0.0.1:3602/login");
    expect(redirectTarget("http://localhost:3000/login", origin, "http://localhost:3000")).toBe("http://127.0.0.1:3602/login");
  });

  it("uses NEXTAUTH_URL when it is configured, whatever the request said", () => {
    const origin = publicOrigin("http://internal:8080/api/auth/signout", "https://secrets.example.com/");
    expect(redirectTarget("https://evil.example/x", origin, "http://localhost:3000")).toBe("https://secrets.example.com/x");
  });
});

describe("requestOrigin", () => {
  it("takes the host the browser addressed, not the one next start puts in request.url", () => {
    expect(requestOrigin("http://localhost:3602/api/auth/signout", "127.0.0.1:3602")).toBe("http://127.0.0.1:3602");
    expect(requestOrigin("http://localhost:3602/api/auth/signout", null)).toBe("http://localhost:3602");
  });
});
