import { parse } from "dotenv";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dotenvProblem } from "@/lib/dotenv/format";
import { readDotenv } from "@/lib/dotenv/parse";
import { isAppError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { type TestDatabase } from "@/scripts/testing/database";
import { openDemo, type Demo } from "@/scripts/testing/demo-fixture";
import { enforce } from "../access/enforce";
import { readSecrets, readSecretsPlan } from "./read";
import { storePlan, storeSecrets } from "./write";

// The third path of lib/cli/dotenv-roundtrip.property.test.ts: generated values stored in a level and
// read back through the real use case with raw=true come out of both the dotenv package and our
// reader exactly as stored; a value no .env line carries is refused with 422, naming it.

const LEVEL = { project: "my-app", target: "backend", environment: "production" };
const TRICKY = ["'", '"', "$", "`", "\\", "\n", "\r", "#", " ", "=", "a", "n", "é", "🔑", "\u2028"];

let database: TestDatabase;
let context: ServiceContext;
let seal: Demo["seal"];

beforeAll(async () => {
  ({ database, context, seal } = await openDemo("Raw round trip", 11));
}, 120_000);
afterAll(async () => {
  await database?.close();
});

async function storeAndReadRaw(values: Record<string, string>): Promise<string> {
  await storeSecrets(context, (await enforce(context, storePlan(LEVEL))).level, { content: await seal(values) });
  const read = await readSecrets(context, (await enforce(context, readSecretsPlan(LEVEL, true))).level, { decrypt: true, merge: "false", raw: true });
  if (!("dotenv" in read)) throw new Error("raw=true answered JSON");
  return read.dotenv;
}

const values = fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 10 }), { minKeys: 1, maxKeys: 6 });

describe("raw=true", () => {
  it("is read back exactly, by the dotenv package and by our reader", async () => {
    await fc.assert(
      fc.asyncProperty(values.filter((record) => Object.values(record).every((value) => dotenvProblem(value) === null)), async (record) => {
        const text = await storeAndReadRaw(record);
        expect(parse(text)).toEqual(record);
        const read = readDotenv(text);
        expect(read.problems).toEqual([]);
        expect(Object.fromEntries(read.entries.map((entry) => [entry.name, entry.value]))).toEqual(record);
      }),
      { numRuns: 15 },
    );
  });

  it("refuses a value no .env line carries with 422, naming it and not its value", async () => {
    const error = await storeAndReadRaw({ FINE: "x", CARRIAGE: "a\r\nb", MIXED: `it's "quoted"` }).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe("validation_failed");
    expect((error as Error).message).toContain("CARRIAGE, MIXED");
    expect((error as Error).message).not.toContain("quoted");
  });
});
