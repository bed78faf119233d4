import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetMasterKeyCacheForTests } from "@/lib/config/master-key";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { seedDemo } from "../seed/demo-seed";
import { assertMasterKeyMatchesDatabase, MasterKeyMismatchError } from "./master-key-check";

// A database remembers its master key (a known value wrapped under it): a server or a seed run
// with another key is refused before it writes a key nobody could unwrap later.

let database: TestDatabase;
const KEY_A = Buffer.alloc(32, 1).toString("base64");
const KEY_B = Buffer.alloc(32, 2).toString("base64");

function useMasterKey(key: string) {
  process.env.DOTENV_MASTER_KEY = key;
  resetMasterKeyCacheForTests();
}

beforeAll(async () => {
  database = await openTestDatabase();
});
afterEach(() => useMasterKey(KEY_A));
afterAll(async () => {
  await database?.close();
});

describe("the master key check", () => {
  it("is recorded on first use and passes with the same key", async () => {
    useMasterKey(KEY_A);
    await assertMasterKeyMatchesDatabase();
    await assertMasterKeyMatchesDatabase();
    expect(await database.sql(`SELECT "name" FROM "InstanceSetting"`)).toEqual([{ name: "master-key-check" }]);
  });

  it("refuses another key, and the seed refuses to write anything with it", async () => {
    useMasterKey(KEY_B);
    await expect(assertMasterKeyMatchesDatabase()).rejects.toBeInstanceOf(MasterKeyMismatchError);
    await expect(seedDemo({ organizationName: "Wrong key", ownerEmail: "wrong-key@example.test" })).rejects.toThrow(/not the master key this database was set up with/);
    expect(await database.sql(`SELECT count(*)::int AS n FROM "Organization"`)).toEqual([{ n: 0 }]);
  });
});
