import fs from "node:fs";
import os from "node:os";
import type { Socket } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

// Several processes share the embedded database through its socket (the server, `npm run seed`, the
// e2e fixture): their connections' queries must not interleave. Connections of one process stand in
// for several; since their messages arrive together here, the race is made deterministic by holding
// back one client's messages after its Parse (across processes they can arrive in separate reads).
describe("the embedded database's socket", () => {
  let dataDir: string;
  let database: EmbeddedDatabase;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-embedded-"));
    database = await openEmbeddedDatabase(dataDir);
    for (let i = 0; i < 3; i++) {
      const client = new pg.Client({ ...database.pool });
      await client.connect();
      clients.push(client);
    }
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => {});
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs another connection's query only after a Parse…Sync sequence has ended, however its messages arrive", async () => {
    const [slow, other] = clients as [pg.Client, pg.Client];
    // Across processes a sequence's messages can arrive in separate reads (each is a write of its own);
    // here the slow connection's Bind/Execute/Sync reach the socket 150 ms after its Parse.
    const restore = holdWritesAfterParse(slow, 150);
    try {
      const first = slow.query("SELECT $1::int + 1 AS n", [41]);
      await new Promise((resolve) => setTimeout(resolve, 30));
      // A simple query drops the unnamed statement: run between that Parse and Bind, it fails the first query.
      const second = other.query("SELECT 1 AS n");
      expect((await first).rows[0].n).toBe(42);
      expect((await second).rows[0].n).toBe(1);
    } finally {
      restore();
    }
  });

  it("gives the turn on when a connection goes away in the middle of its sequence", async () => {
    const leaving = new pg.Client({ ...database.pool });
    await leaving.connect();
    leaving.on("error", () => {});
    holdWritesAfterParse(leaving, 10_000);
    leaving.query("SELECT $1::int AS n", [1]).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 30));
    const other = clients[1]!.query("SELECT 2 AS n");
    (leaving as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect((await other).rows[0].n).toBe(2);
  });

  // pglite-socket's own rule, which the turns must keep (a wrapper that broke it would deadlock or interleave here).
  it("keeps a transaction's statements apart from other connections' queries", async () => {
    const [writer, reader] = clients as [pg.Client, pg.Client];
    await writer.query("CREATE TABLE IF NOT EXISTS socket_probe (n int)");
    const writing = (async () => {
      for (let round = 0; round < 20; round++) {
        await writer.query("BEGIN");
        await writer.query("INSERT INTO socket_probe VALUES ($1)", [round]);
        await writer.query("INSERT INTO socket_probe VALUES ($1)", [-round]);
        await writer.query("COMMIT");
      }
    })();
    const counts: number[] = [];
    for (let i = 0; i < 60; i++) counts.push(Number((await reader.query("SELECT count(*) AS n FROM socket_probe WHERE n <> $1", [-1000])).rows[0].n));
    await writing;
    // The reader never sees half a transaction: two rows go in together.
    expect(counts.every((n) => n % 2 === 0)).toBe(true);
    expect(Number((await reader.query("SELECT count(*) AS n FROM socket_probe")).rows[0].n)).toBe(40);
  });
});

/** Delays what a client writes after each Parse message by `ms`, in order; returns the undo. */
function holdWritesAfterParse(client: pg.Client, ms: number): () => void {
  const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
  const write = stream.write;
  let holding: Buffer[] | null = null;
  stream.write = ((chunk: Buffer) => {
    if (holding) return holding.push(chunk), true;
    const written = write.call(stream, chunk);
    if (chunk[0] === "P".charCodeAt(0)) {
      const held: Buffer[] = (holding = []);
      setTimeout(() => {
        holding = null;
        for (const message of held) write.call(stream, message);
      }, ms);
    }
    return written;
  }) as typeof stream.write;
  return () => {
    stream.write = write;
  };
}
