import { DecryptionError, openBlob, sealBlob } from "../../crypto";
import type { KeyVersionView, ReencryptResult } from "../../schemas/keys";
import { stringOption, type ParsedArgs } from "../args";
import { CliError, EXIT } from "../errors";
import type { Io, Session } from "../session";
import { progressLine } from "./progress";
import { checkActiveProof, deriveVersionKey, passphraseFrom, projectKeys, type ProjectKeys } from "./project-keys";

// `dotenv keys reencrypt-history <project>` (docs/cli.md#keys): older versions moved under the
// active key, batch after batch, with a progress line. Server-managed: the server re-encrypts.
// Client-managed: this machine opens each pending version with the old passphrase (--client-key)
// and seals it with the active one (--new-client-key). Safe to interrupt and run again.

type Pending = NonNullable<ReencryptResult["pending"]>[number];

export async function reencrypt(session: Session, args: ParsedArgs, io: Io): Promise<number> {
  const keys = await projectKeys(session);
  const project = session.path.project;
  const total = keys.meta.stale_versions;
  const progress = progressLine(io, `Re-encrypting ${project}`);
  if (total === 0) {
    progress.finish(`Nothing to re-encrypt: every version of ${project} is under key version ${keys.active.version}.`);
    return EXIT.ok;
  }
  const done = keys.meta.custody === "server" ? await onServer(session, total, progress) : await fromClient(session, args, keys, total, progress);
  progress.finish(`Re-encrypted ${done} version(s) of ${project} under key version ${keys.active.version}; older keys now protect nothing.`);
  return EXIT.ok;
}

async function send(session: Session, body: Record<string, unknown>): Promise<ReencryptResult> {
  return (await session.api.post<{ data: ReencryptResult }>(`/${session.path.project}/keys/reencrypt-history`, body)).data;
}

async function onServer(session: Session, total: number, progress: ReturnType<typeof progressLine>): Promise<number> {
  let done = 0;
  for (let cursor: string | null = null; ; ) {
    const batch = await send(session, cursor ? { cursor } : {});
    done += batch.re_encrypted;
    progress.update(done, Math.max(total, done + batch.remaining));
    if (batch.done) return done;
    cursor = batch.next_cursor;
  }
}

async function fromClient(session: Session, args: ParsedArgs, keys: ProjectKeys, total: number, progress: ReturnType<typeof progressLine>): Promise<number> {
  const project = session.path.project;
  const oldPassphrase = passphraseFrom(session, "client-key", stringOption(args, "client-key"), "the passphrase of the older key");
  const activePassphrase = passphraseFrom(session, "new-client-key", stringOption(args, "new-client-key"), "the passphrase of the active key");
  const active = await deriveVersionKey(activePassphrase, keys.active);
  if (!(await checkActiveProof(session, active.keyProof))) {
    throw new CliError(`the client key given by --new-client-key is not ${project}'s active key; nothing was re-encrypted`, EXIT.auth);
  }
  const older = keys.versions.filter((version) => version.state === "rotated" && version.secret_versions > 0);
  let done = 0;
  const unopened: number[] = [];
  for (const version of older) {
    const opened = await reencryptVersion(session, version, oldPassphrase, active, (count, remaining) => {
      done += count;
      progress.update(done, Math.max(total, done + remaining));
    });
    if (!opened) unopened.push(version.version);
  }
  if (unopened.length > 0) {
    const left = (await send(session, { key_proof: active.keyProof, versions: [] })).remaining;
    throw new CliError(
      `${left} version(s) are under key version(s) ${unopened.join(", ")}, which --client-key does not open: run again with that version's passphrase`,
      left > 0 && done === 0 ? EXIT.auth : EXIT.error,
    );
  }
  return done;
}

/** Re-encrypts everything under one older key version; false when the passphrase does not open it. */
async function reencryptVersion(
  session: Session, version: KeyVersionView, passphrase: string, active: { dataKey: CryptoKey; keyProof: string },
  advance: (count: number, remaining: number) => void,
): Promise<boolean> {
  const old = await deriveVersionKey(passphrase, version);
  let batch = await send(session, { key_proof: active.keyProof, versions: [], key_version: version.version });
  if (batch.pending === undefined) throw new CliError("this API key may not read history (secret:history), so it cannot re-encrypt it", EXIT.auth);
  while (batch.pending!.length > 0) {
    const sealed = [];
    for (const item of batch.pending!) {
      const values = await openOrNull(old.dataKey, item);
      if (values === null) return false;
      sealed.push({ ...(item.target ? { target: item.target } : {}), ...(item.environment ? { environment: item.environment } : {}), version: item.version, content: await sealBlob(active.dataKey, values) });
    }
    batch = await send(session, { key_proof: active.keyProof, versions: sealed, key_version: version.version });
    advance(batch.re_encrypted, batch.remaining);
  }
  return true;
}

async function openOrNull(dataKey: CryptoKey, item: Pending): Promise<Map<string, string> | null> {
  try {
    return await openBlob(dataKey, item.content);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}
