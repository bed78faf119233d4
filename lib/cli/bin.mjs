#!/usr/bin/env node
// The `dotenv` bin (package.json "bin"). The CLI is TypeScript: it runs from the bundle that
// `npm install` builds (scripts/build-cli.mjs) while that is current, otherwise tsx (a runtime
// dependency) loads the sources. Paths are resolved from this file, never from the working
// directory, so the bin behaves the same from any directory and after `npm install -g` (whose cwd
// may hold an unrelated tsconfig).
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { currentBundle } from "./bundle.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bundle = currentBundle(root);
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  const tsconfig = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));
  register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });
  await import(new URL("./index.ts", import.meta.url).href);
}
