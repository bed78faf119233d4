import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS } from "./endpoints";
import { buildOpenApiDocument } from "./openapi";

// The OpenAPI document is the API's contract with every client. It changes only on purpose: a
// refactor must leave it byte-identical, a new or changed endpoint updates the committed snapshot
// (UPDATE_OPENAPI_SNAPSHOT=1 npx vitest run lib/api/openapi.test.ts) in the same commit.

const SNAPSHOT = path.join(import.meta.dirname, "openapi.snapshot.json");

describe("the OpenAPI document", () => {
  it("is byte-identical to the committed snapshot", () => {
    const document = `${JSON.stringify(buildOpenApiDocument(ENDPOINTS), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI_SNAPSHOT === "1") fs.writeFileSync(SNAPSHOT, document);
    expect(document).toBe(fs.readFileSync(SNAPSHOT, "utf8"));
  });
});
