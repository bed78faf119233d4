import fs from "node:fs";
import net from "node:net";
import { seedDemo } from "@/lib/services/seed/demo-seed";

// The seed (prisma/seed.ts's seedDemo), kept loaded for one Playwright worker on the PostgreSQL
// database: createOrganization (e2e/api/support.ts) asks it over a Unix socket, one JSON line each
// way. Starting `npx tsx prisma/seed.ts` per organization cost ~4 s of CPU (tsx, Prisma, the app's
// modules) on a 2-core machine, dozens of times a run. (Not on the embedded database: see
// seedInProcess there.) Run by tsx with the react-server condition, like the seed command; the
// command itself stays tested in e2e/api/startup.spec.ts.

const socketPath = process.argv[2]!;
fs.rmSync(socketPath, { force: true });

let queue: Promise<unknown> = Promise.resolve();
const server = net.createServer((connection) => {
  let input = "";
  connection.setEncoding("utf8");
  connection.on("data", (chunk) => {
    input += chunk;
    if (!input.endsWith("\n")) return;
    const request = JSON.parse(input) as { organization: string; owner: string };
    // One seed at a time, as separate seed processes of one worker used to run.
    queue = queue.then(async () => {
      try {
        const seed = await seedDemo({ ownerPassword: process.env.SEED_OWNER_PASSWORD || undefined, organizationName: request.organization, ownerEmail: request.owner });
        connection.end(`${JSON.stringify({ seed })}\n`);
      } catch (error) {
        connection.end(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
      }
    });
  });
});
server.listen(socketPath);

// Gone with the worker that started it, however that ends: its end of our stdin closes.
process.stdin.on("close", () => process.exit(0));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
