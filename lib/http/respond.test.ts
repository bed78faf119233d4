import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { jsonError } from "./respond";

describe("jsonError", () => {
  afterEach(() => vi.restoreAllMocks());

  it("an unexpected error: 503 with a request id, logged with the route, the error class and the first line of its message only", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    class DriverError extends Error {
      override name = "DriverError";
      code = "P2010";
    }
    const response = jsonError(new DriverError("Invalid `prisma.secretLevel.create()` invocation: {\n  data: { blob: \"API_KEY=c2VjcmV0\" }\n}"), { route: "POST /api/v1/{organization}/secrets/store" });
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ error: "unavailable", request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(body.message).toContain(body.request_id);
    expect(response.headers.get("X-Request-Id")).toBe(body.request_id);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toContain(body.request_id);
    expect(line).toContain("POST /api/v1/{organization}/secrets/store");
    expect(line).toContain("DriverError (P2010)");
    expect(line).not.toContain("c2VjcmV0");
  });

  it("an AppError is answered as it is, without a request id or a log line", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = jsonError(new AppError("not_found", "The requested resource was not found."));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found", message: "The requested resource was not found." });
    expect(log).not.toHaveBeenCalled();
  });
});
