import { PassThrough } from "node:stream";
import type { Io } from "./session";

// An in-memory Io for unit tests of main() and the commands that need no server.

export function memoryIo(env: Record<string, string | undefined> = {}): Io & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  return { env, stdout, stderr, stdin, cwd: process.cwd(), out: () => out, err: () => err };
}
