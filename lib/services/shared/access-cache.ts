import "server-only";
import { invalidationsLive, onInvalidation } from "@/lib/data/notify";

// Short-lived in-process caches of who a caller is (an API token's row), so a request does not ask
// the database the same question every time. Bounded in time (TTL_MS) and size, and dropped on
// every instance at once when the tables they come from change (lib/data/notify.ts), and at once
// in this process by the use cases that change them (`forgetAccess()`). Off unless invalidations
// are live (PostgreSQL, listening): never stale because a notification was missed.

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export class AccessCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  /** Bumped on every invalidation: a lookup that started before one must not fill the cache. */
  private generation = 0;

  constructor(private readonly tables: readonly string[]) {
    onInvalidation((table) => {
      if (table === "*" || this.tables.includes(table)) this.clear();
    });
    caches.add(this as AccessCache<unknown>);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** The cached value of `key`, or `load()`'s (cached when nothing changed meanwhile). */
  async get(key: string, load: () => Promise<T>): Promise<T> {
    if (!invalidationsLive()) return load();
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && invalidationsLive()) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, expires: Date.now() + TTL_MS });
    }
    return value;
  }
}

// One registry per process, whichever bundle (route handlers, server actions) loaded this module.
const registry = globalThis as unknown as { dotenvAccessCaches?: Set<AccessCache<unknown>> };
const caches = (registry.dotenvAccessCaches ??= new Set<AccessCache<unknown>>());

/** Drops every cache of this process at once (after a change the notification will also announce). */
export function forgetAccess(): void {
  for (const cache of caches) cache.clear();
}
