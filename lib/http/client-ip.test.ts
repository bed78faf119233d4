import { afterEach, describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER } from "./client-ip";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.DOTENV_TRUSTED_PROXIES;
  });

  it("is the connecting peer, whatever the client puts in X-Forwarded-For", () => {
    expect(clientIp(headers({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "6.6.6.6, 7.7.7.7" }))).toBe("203.0.113.9");
    expect(clientIp(headers({ [PEER_HEADER]: "::ffff:203.0.113.9", "x-real-ip": "6.6.6.6" }))).toBe("203.0.113.9");
  });

  it("reads X-Forwarded-For from the right only while each hop is a trusted proxy", () => {
    process.env.DOTENV_TRUSTED_PROXIES = "10.0.0.5";
    expect(clientIp(headers({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    process.env.DOTENV_TRUSTED_PROXIES = "10.0.0.5, 203.0.113.9";
    expect(clientIp(headers({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("6.6.6.6");
    // A trusted proxy that forwarded nothing: the proxy itself is all we know.
    expect(clientIp(headers({ [PEER_HEADER]: "10.0.0.5" }))).toBe("10.0.0.5");
  });

  it("is unknown (null) when the server did not stamp the peer", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }))).toBeNull();
  });
});
