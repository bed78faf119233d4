import "server-only";
import pg from "pg";
import { databaseTarget } from "./config";

// Cache invalidation across instances (PostgreSQL LISTEN/NOTIFY): triggers notify channel
// `dotenv_cache` with a table's name whenever it changes (migration 20261207000000_audit_sealer; an
// API key's lastUsedAt stamp alone does not notify, 20261208000000_token_use_quiet); each
// instance keeps one listening connection and tells its caches. While that connection is down the
// instance reports `live = false`, and caches must not be used (they could miss a revocation).
// The embedded database (one connection, one process) never listens: caches stay off there.

export const CACHE_CHANNEL = "dotenv_cache";

type Subscriber = (table: string) => void;

interface Listener {
  live: boolean;
  subscribers: Set<Subscriber>;
  started: boolean;
}

const state = globalThis as unknown as { dotenvCacheListener?: Listener };

function listener(): Listener {
  state.dotenvCacheListener ??= { live: false, subscribers: new Set(), started: false };
  return state.dotenvCacheListener;
}

/** Whether invalidations are being received right now (caches may be used only then). */
export function invalidationsLive(): boolean {
  const l = listener();
  if (!l.started) start(l);
  return l.live;
}

/** Called with a table's name when it changes anywhere, and with "*" when notifications were lost. */
export function onInvalidation(subscriber: Subscriber): void {
  listener().subscribers.add(subscriber);
}

function tell(l: Listener, table: string) {
  for (const subscriber of l.subscribers) subscriber(table);
}

function start(l: Listener) {
  const target = databaseTarget();
  if (target.kind !== "postgres" || process.env.DOTENV_ACCESS_CACHE === "off") return;
  l.started = true;
  const connect = async () => {
    const client = new pg.Client({ connectionString: target.url });
    const lost = () => {
      if (!l.live) return;
      l.live = false;
      tell(l, "*");
      client.end().catch(() => {});
      setTimeout(connect, 1_000).unref();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => tell(l, message.payload ?? "*"));
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
      // Anything cached before listening may be stale: start empty.
      tell(l, "*");
      l.live = true;
      // The connection must not keep the process alive on its own.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    } catch {
      client.end().catch(() => {});
      setTimeout(connect, 1_000).unref();
    }
  };
  void connect();
}
