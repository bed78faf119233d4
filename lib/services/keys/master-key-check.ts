import "server-only";
import { loadMasterKey } from "@/lib/config/master-key";
import { DecryptionError, unwrapSecret, wrapSecret } from "@/lib/crypto";
import { getDb } from "@/lib/data/db";

// Every server-managed key in a database is wrapped under one master key. A server or a seed run
// with another key would write keys nobody can later unwrap, or fail on every decrypt. So the
// database keeps a known value wrapped under its master key, and whoever opens it with a different
// key is refused before anything is written.

const CHECK_NAME = "master-key-check";
const CHECK_CONTEXT = "dotenv:master-key-check";
const CHECK_VALUE = "this database's server-managed keys are wrapped under this master key";

export class MasterKeyMismatchError extends Error {
  constructor() {
    super(
      "DOTENV_MASTER_KEY (or .data/master.key) is not the master key this database was set up with: " +
        "its server-managed keys could not be unwrapped. Use the database's own master key.",
    );
    this.name = "MasterKeyMismatchError";
  }
}

/** Records the check on first use; afterwards refuses a master key that does not open it. */
export async function assertMasterKeyMatchesDatabase(): Promise<void> {
  const [db, masterKey] = await Promise.all([getDb(), loadMasterKey()]);
  const stored = await db.instanceSetting.findUnique({ where: { name: CHECK_NAME }, select: { value: true } });
  if (!stored) {
    const value = await wrapSecret(masterKey, CHECK_VALUE, CHECK_CONTEXT);
    // Two instances starting at once both try; the first write wins and the other checks against it.
    await db.instanceSetting.createMany({ data: [{ name: CHECK_NAME, value }], skipDuplicates: true });
    return assertMasterKeyMatchesDatabase();
  }
  try {
    if ((await unwrapSecret(masterKey, stored.value, CHECK_CONTEXT)) === CHECK_VALUE) return;
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
  }
  throw new MasterKeyMismatchError();
}
