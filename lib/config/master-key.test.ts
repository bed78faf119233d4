import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { base64Decode, base64Encode, MasterKeyError, randomBytes, unwrapSecret, wrapSecret } from "@/lib/crypto";
import { loadMasterKey, masterKeyFilePath, resetMasterKeyCacheForTests } from "./master-key";

const ENV_NAMES = ["DOTENV_MASTER_KEY", "DOTENV_DATA_DIR", "NODE_ENV", "DATABASE_URL"] as const;
let savedEnv: Record<string, string | undefined>;
let dataDir: string;

// Next's types mark NODE_ENV read-only; tests need to flip it, so view env as a plain record.
const env = process.env as Record<string, string | undefined>;

function setEnv(name: (typeof ENV_NAMES)[number], value: string | undefined): void {
  if (value === undefined) delete env[name];
  else env[name] = value;
}

/** Two keys are the same key if each opens what the other sealed. */
async function expectSameKey(a: CryptoKey, b: CryptoKey): Promise<void> {
  expect(await unwrapSecret(b, await wrapSecret(a, "probe", "ctx"), "ctx")).toBe("probe");
}

beforeEach(async () => {
  savedEnv = Object.fromEntries(ENV_NAMES.map((n) => [n, process.env[n]]));
  const tmp = await mkdtemp(path.join(os.tmpdir(), "dotenv-master-key-"));
  dataDir = path.join(tmp, "nested", ".data"); // the loader must create missing directories
  setEnv("DOTENV_DATA_DIR", dataDir);
  setEnv("DOTENV_MASTER_KEY", undefined);
  setEnv("DATABASE_URL", undefined);
  setEnv("NODE_ENV", "test");
  resetMasterKeyCacheForTests();
});

afterEach(async () => {
  for (const name of ENV_NAMES) setEnv(name, savedEnv[name]);
  resetMasterKeyCacheForTests();
  await rm(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
});

describe("loadMasterKey without DOTENV_MASTER_KEY", () => {
  it("generates <data dir>/master.key with mode 0600 and caches the key", async () => {
    const first = await loadMasterKey();
    const file = path.join(dataDir, "master.key");
    expect(masterKeyFilePath()).toBe(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(base64Decode((await readFile(file, "utf8")).trim())).toHaveLength(32);
    expect(await loadMasterKey()).toBe(first);

    resetMasterKeyCacheForTests(); // a restart reads the same file back
    const reloaded = await loadMasterKey();
    expect(reloaded).not.toBe(first);
    await expectSameKey(first, reloaded);
  });

  it("converges on one key when loads race to create the file", async () => {
    const loads = [];
    for (let i = 0; i < 5; i++) {
      resetMasterKeyCacheForTests(); // each load behaves like a separate process
      loads.push(loadMasterKey());
    }
    const keys = await Promise.all(loads);
    for (const key of keys.slice(1)) await expectSameKey(keys[0] as CryptoKey, key);
    expect(await readdir(dataDir)).toEqual(["master.key"]); // no temp files left behind
  });

  it("works with NODE_ENV=production on the embedded database (no DATABASE_URL)", async () => {
    setEnv("NODE_ENV", "production");
    await loadMasterKey();
    expect((await stat(masterKeyFilePath())).isFile()).toBe(true);
  });

  it("refuses a corrupt key file without echoing its content", async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(masterKeyFilePath(), "short-and-wrong\n");
    const error = await loadMasterKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toContain(masterKeyFilePath());
    expect((error as Error).message).not.toContain("short-and-wrong");
  });
});

describe("loadMasterKey in production with DATABASE_URL", () => {
  it("requires DOTENV_MASTER_KEY and writes no file", async () => {
    setEnv("NODE_ENV", "production");
    setEnv("DATABASE_URL", "postgres://db.internal/app");
    await expect(loadMasterKey()).rejects.toThrow(/DOTENV_MASTER_KEY is required in production/);
    await expect(stat(masterKeyFilePath())).rejects.toThrow();
  });

  it("does not cache the failure: setting the key afterwards works", async () => {
    setEnv("NODE_ENV", "production");
    setEnv("DATABASE_URL", "postgres://db.internal/app");
    await expect(loadMasterKey()).rejects.toThrow(MasterKeyError);
    setEnv("DOTENV_MASTER_KEY", base64Encode(randomBytes(32)));
    await expect(loadMasterKey()).resolves.toBeDefined();
  });
});

describe("loadMasterKey with DOTENV_MASTER_KEY", () => {
  it("uses the configured key and writes no file", async () => {
    const configured = base64Encode(randomBytes(32));
    setEnv("DOTENV_MASTER_KEY", configured);
    setEnv("NODE_ENV", "production");
    setEnv("DATABASE_URL", "postgres://db.internal/app");
    const key = await loadMasterKey();
    const { importMasterKey } = await import("@/lib/crypto");
    await expectSameKey(key, await importMasterKey(configured));
    await expect(stat(masterKeyFilePath())).rejects.toThrow();
  });

  it.each([
    ["31 bytes", base64Encode(randomBytes(31))],
    ["33 bytes", base64Encode(randomBytes(33))],
    ["not base64", "definitely-not-a-key!"],
  ])("rejects %s with a configuration error that does not echo it", async (_why, value) => {
    setEnv("DOTENV_MASTER_KEY", value);
    const error = await loadMasterKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as Error).message).toMatch(/^DOTENV_MASTER_KEY is not a valid master key/);
    expect((error as Error).message).not.toContain(value);
  });
});
