import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.DOTENV_TRUSTED_PROXIES;
  });

  it("uses the connecting peer, ignoring what the client claims", () => {
    expect(clientIp("6.6.6.6, 10.0.0.5")).toBe("10.0.0.5");
  });

  it("walks past trusted proxies only", () => {
    process.env.DOTENV_TRUSTED_PROXIES = "10.0.0.5";
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.5")).toBe("203.0.113.9");
    process.env.DOTENV_TRUSTED_PROXIES = "10.0.0.5, 203.0.113.9";
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.5")).toBe("6.6.6.6");
  });

  it("returns null without any address", () => {
    expect(clientIp(null)).toBeNull();
  });
});
