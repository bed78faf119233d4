// Which file bin.mjs runs: the prebuilt bundle (scripts/build-cli.mjs) when it exists and no source
// it was built from has changed since, so an edit never runs stale code.
import fs from "node:fs";
import path from "node:path";

/** The bundle's path when it is current, otherwise null (run the TypeScript sources). */
export function currentBundle(root) {
  const bundle = path.join(root, "lib/cli/dist/dotenv.mjs");
  try {
    const builtAt = fs.statSync(bundle).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(path.join(root, "lib/cli/dist/inputs.json"), "utf8"));
    if (!Array.isArray(inputs) || inputs.length === 0) return null;
    return inputs.every((input) => fs.statSync(path.join(root, input)).mtimeMs <= builtAt) ? bundle : null;
  } catch {
    return null; // no bundle, no list, or a source gone: the sources decide
  }
}
