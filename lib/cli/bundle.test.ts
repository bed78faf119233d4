import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { currentBundle } from "./bundle.mjs";

// bin.mjs runs the prebuilt bundle only while it is current: an edited source must never be
// shadowed by a stale bundle.
describe("currentBundle", () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  function checkout(inputs: unknown = ["lib/cli/main.ts"]) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-bundle-"));
    roots.push(root);
    fs.mkdirSync(path.join(root, "lib/cli/dist"), { recursive: true });
    fs.writeFileSync(path.join(root, "lib/cli/main.ts"), "export {};\n");
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, "lib/cli/main.ts"), past, past);
    fs.writeFileSync(path.join(root, "lib/cli/dist/dotenv.mjs"), "// bundle\n");
    fs.writeFileSync(path.join(root, "lib/cli/dist/inputs.json"), JSON.stringify(inputs));
    return root;
  }

  it("is the bundle while no source it was built from changed", () => {
    const root = checkout();
    expect(currentBundle(root)).toBe(path.join(root, "lib/cli/dist/dotenv.mjs"));
  });

  it("is null once a source is newer than the bundle, gone, or the list is missing or empty", () => {
    const edited = checkout();
    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(edited, "lib/cli/main.ts"), future, future);
    expect(currentBundle(edited)).toBeNull();

    const removed = checkout(["lib/cli/main.ts", "lib/cli/gone.ts"]);
    expect(currentBundle(removed)).toBeNull();

    const unlisted = checkout();
    fs.rmSync(path.join(unlisted, "lib/cli/dist/inputs.json"));
    expect(currentBundle(unlisted)).toBeNull();

    expect(currentBundle(checkout([]))).toBeNull();
  });

  it("is null without a bundle", () => {
    const root = checkout();
    fs.rmSync(path.join(root, "lib/cli/dist/dotenv.mjs"));
    expect(currentBundle(root)).toBeNull();
  });
});
