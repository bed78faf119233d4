import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// pglite-socket runs each protocol message as it arrives, first come first served across
// connections, and keeps one connection's turn only while a transaction is open. But a query with
// parameters is several messages (Parse, Bind, Describe, Execute, Sync), each written on its own by
// `pg`; from another process they can arrive in separate reads, and another connection's query run
// between them replaces or drops the unnamed statement: "unnamed prepared statement does not
// exist" (seen in CI: the e2e fixture's seed process beside the server). So a connection keeps the
// turn from its first message to its Sync, and to the end of its transaction; the others wait in
// arrival order. The queue is pglite-socket's private `queryQueue` (0.2.x): it is wrapped here, and
// checked when the server starts, so an upgrade that changes it fails loudly instead of bringing the
// race back.

/** Messages after which the same connection's sequence goes on: Parse, Bind, Describe, Execute, Close, Flush. */
const MID_SEQUENCE = new Set([..."PBDECH"].map((type) => type.charCodeAt(0)));

interface QueryQueue {
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

interface Waiter {
  handlerId: number;
  go(): void;
  fail(error: Error): void;
}

export function keepQueriesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue?: Partial<QueryQueue> }).queryQueue;
  if (typeof queue?.enqueue !== "function" || typeof queue.clearQueueForHandler !== "function" || typeof queue.clearTransactionIfNeeded !== "function") {
    throw new Error("@electric-sql/pglite-socket's query queue is not the one lib/data/embedded-turns.ts was written for (0.2.x).");
  }
  const inner = queue as QueryQueue;
  const enqueue = inner.enqueue.bind(inner);
  const clearQueueForHandler = inner.clearQueueForHandler.bind(inner);
  const clearTransactionIfNeeded = inner.clearTransactionIfNeeded.bind(inner);

  let holder: number | null = null;
  const waiting: Waiter[] = [];
  const passTurn = () => {
    const next = waiting.shift();
    holder = next?.handlerId ?? null;
    next?.go();
  };

  inner.enqueue = async (handlerId, message, onData) => {
    if (holder !== null && holder !== handlerId) {
      await new Promise<void>((go, fail) => waiting.push({ handlerId, go, fail }));
    }
    holder = handlerId;
    try {
      return await enqueue(handlerId, message, onData);
    } finally {
      // A disconnect while this message ran may have passed the turn on already.
      if (holder === handlerId && !MID_SEQUENCE.has(message[0]!) && !db.isInTransaction()) passTurn();
    }
  };
  inner.clearQueueForHandler = (handlerId) => {
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i]!.handlerId === handlerId) waiting.splice(i, 1)[0]!.fail(new Error("Handler disconnected"));
    }
    clearQueueForHandler(handlerId);
  };
  // Called when a connection goes away: its transaction is rolled back, and its turn ends with it.
  inner.clearTransactionIfNeeded = async (handlerId) => {
    await clearTransactionIfNeeded(handlerId);
    if (holder === handlerId) passTurn();
  };
}
