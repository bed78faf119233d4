import { describe, expect, it } from "vitest";
import type { ApiClient } from "./api";
import { CliError } from "./errors";
import { currentLevelVersion } from "./level-version";
import type { SecretsAttributes } from "./secrets";
import type { Session } from "./session";
import { memoryIo } from "./test-io";

// expected_version for push: from the secrets read when the server reports it, else the history.

function session(history: { version: number; current: boolean }[] | null, may = true): Session {
  const api: ApiClient = {
    get: async <T,>() => ({ data: history ?? [] }) as T,
    post: async () => {
      throw new Error("unused");
    },
    whoami: async () => {
      throw new Error("unused");
    },
  };
  return {
    api, path: { project: "my-app", target: "backend" }, io: memoryIo(), warn: () => {}, info: () => {},
    whoami: async () => { throw new Error("unused"); },
    mayHave: async () => may,
  };
}

const read = (versions?: SecretsAttributes["versions"]): SecretsAttributes => ({ encrypted: true, key: { custody: "server", version: 1, kdf: "PBKDF2-SHA256" }, key_versions: {}, versions });

describe("currentLevelVersion", () => {
  it("uses the version the secrets read reports", async () => {
    expect(await currentLevelVersion(session(null, false), read({ project: 4, target: 7 }), true)).toBe(7);
  });

  it("else the newest history entry when it is the current one, or 0 for a level never written", async () => {
    expect(await currentLevelVersion(session([{ version: 3, current: true }]), read(), true)).toBe(3);
    expect(await currentLevelVersion(session([]), read(), false)).toBe(0);
  });

  it("refuses to guess", async () => {
    await expect(currentLevelVersion(session([], false), read(), true)).rejects.toThrow(/secret:history/);
    await expect(currentLevelVersion(session([{ version: 3, current: false }]), read(), true)).rejects.toThrow(CliError);
    await expect(currentLevelVersion(session([]), read(), true)).rejects.toThrow(/without backup/);
  });
});
