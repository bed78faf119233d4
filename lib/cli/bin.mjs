#!/usr/bin/env node
// The `dotenv` bin (package.json "bin"). The CLI is TypeScript; tsx (a runtime dependency) loads
// it. Paths are resolved from this file, never from the working directory, so the bin behaves the
// same from any directory and after `npm install -g` (whose cwd may hold an unrelated tsconfig).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const tsconfig = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });
await import(new URL("./index.ts", import.meta.url).href);
