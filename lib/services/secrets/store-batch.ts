import "server-only";
import { directTransaction, type RawTx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import type { StoreInput } from "@/lib/schemas/secrets";
import type { ServiceContext } from "@/lib/services/context";
import { changeEvent } from "../access/guard";
import type { LevelRef } from "../access/lookup";
import { appendAuditEvents } from "../audit/record";
import { holdActiveKey, keyRotated } from "../keys/key-lock";
import { BatchQueue, type Outcome } from "../shared/batches";
import { checkExpectedVersion, levelMetadata, lockLevel, ownerOf, pruneHistory, type LockedLevel, type Retention } from "./commit";
import { canonicalBlob, tagsForWrite } from "./content";
import { levelOwnerId, writeLevel, type LevelWrite } from "./storage";

// The critical section of stores (storeLevel in ./write.ts). Every writer of a level waits for its
// lock, so stores of one level that arrive while one is being written are written together: one
// transaction takes the key's share lock and the level's lock once, then writes each store as its
// own version with its own audit event, in arrival order, each seeing the one before (its
// expected_version, its kept tags) exactly as if they had queued for the lock one by one. A store
// refused on its own (version_conflict, key_rotated, bad tags) is answered alone and the others go
// on; a failure of the transaction itself runs each store again on its own (shared/batches.ts).

/** A store that passed its checks outside the lock: content parsed, key version checked. */
export interface CheckedStore {
  context: ServiceContext;
  ref: LevelRef;
  input: Pick<StoreInput, "no_backup" | "tags" | "expected_version">;
  entries: Map<string, string>;
  keyVersion: number;
  retention: Retention;
}

const MAX_STORES_PER_TRANSACTION = 32;

const queue = new BatchQueue<CheckedStore, { version: number }>(writeStores, MAX_STORES_PER_TRANSACTION);

/** Writes a checked store under the level's lock; resolves with the version it became once committed. */
export function commitStore(store: CheckedStore): Promise<{ version: number }> {
  return queue.submit(levelOwnerId(ownerOf(store.ref)), store);
}

async function writeStores(stores: CheckedStore[]): Promise<Outcome<{ version: number }>[]> {
  const first = stores[0]!;
  // Straight on pg (lib/data/client.ts): the level stays locked from lockLevel to COMMIT, and every
  // concurrent writer of the level waits that long, so its statements skip Prisma's engine.
  return directTransaction(await getDb(), async (tx) => {
    const activeKey = await holdActiveKey(tx, first.ref.project.id);
    let current = await lockLevel(tx, first.ref);
    const outcomes: Outcome<{ version: number }>[] = [];
    const events: ReturnType<typeof changeEvent>[] = [];
    for (const store of stores) {
      let write: LevelWrite;
      try {
        write = checkStore(store, activeKey, current);
      } catch (error) {
        // Refused before it wrote anything: only this store fails. A failing statement fails the batch.
        if (!(error instanceof AppError)) throw error;
        outcomes.push({ error });
        continue;
      }
      const written = await writeStore(tx, store, write, current);
      current = written.level;
      events.push(written.event);
      outcomes.push({ value: { version: current.version } });
    }
    // All the batch's events in one statement, committed with the writes they record.
    if (events.length > 0) await appendAuditEvents(tx, events);
    return outcomes;
  });
}

/** What a store writes over `current`, or the AppError refusing it: checks only, no statement. */
function checkStore(store: CheckedStore, activeKey: number, current: LockedLevel | null): LevelWrite {
  const { context, ref, input, entries, keyVersion } = store;
  if (keyVersion !== activeKey) throw keyRotated(activeKey, keyVersion);
  checkExpectedVersion(current, input.expected_version);
  return {
    ...ownerOf(ref), blob: canonicalBlob(entries), tags: tagsForWrite(entries, input.tags, current?.tags), keyVersion,
    actor: context.actor, noBackup: input.no_backup,
  };
}

/** Writes one checked store in the batch's transaction; answers the level's row as it now is, and the audit event to record. */
async function writeStore(tx: RawTx, store: CheckedStore, write: LevelWrite, current: LockedLevel | null) {
  const { context, ref, input } = store;
  const result = await writeLevel(tx, write, current);
  const pruned = input.no_backup ? 0 : await pruneHistory(tx, store.retention, result);
  const event = changeEvent(context, "secret.write", 200, {
    ...levelMetadata(ref), version: result.version, names_added: result.names.namesAdded, names_removed: result.names.namesRemoved,
    names_changed: result.names.namesChanged, ...(input.no_backup ? { no_backup: true } : {}), ...(pruned ? { versions_pruned: pruned } : {}),
  });
  const level: LockedLevel = { id: result.levelId, version: result.version, keyVersion: write.keyVersion, blob: write.blob, tags: write.tags };
  return { level, event };
}
