import { spawn } from "node:child_process";
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

// For specs that need a production server of their own (another configuration than the shared
// one): a free port, a fresh embedded database, and a stop() that ends the whole process group.
// Ports come from the OS, so such specs can run in parallel workers.

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface OwnServer {
  origin: string;
  stop: () => void;
}

/**
 * `next start` of the current build on a fresh embedded database, with `env(origin)` over the
 * test's environment (a variable given as undefined is removed); resolves once healthy.
 */
export async function startOwnServer(label: string, env: (origin: string) => Record<string, string | undefined>): Promise<OwnServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dotenv-e2e-${label}-`));
  const merged: Record<string, string | undefined> = { ...process.env, DATABASE_URL: "", DOTENV_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", ...env(origin) };
  const server = spawn("npx", ["next", "start", "--port", String(port)], {
    env: Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv,
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 120_000; waited += 500) {
    if (await fetch(`${origin}/api/health`).then((response) => response.ok, () => false)) return { origin, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`the ${label} server on ${origin} did not start`);
}
