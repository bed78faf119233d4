import { DEFAULT_ITERATIONS, deriveProjectKey, DecryptionError, generateSalt, MIN_PASSPHRASE_LENGTH, openValue, sealBlob } from "../../crypto";
import type { RotateResult } from "../../schemas/keys";
import { stringOption, type ParsedArgs } from "../args";
import { confirmOrRefuse } from "../confirm";
import { CliError, EXIT } from "../errors";
import type { Io, Session } from "../session";
import { currentLevels, levelName, type CurrentLevel } from "./levels";
import { checkActiveProof, deriveVersionKey, passphraseFrom, projectKeys, type ProjectKeys } from "./project-keys";

// `dotenv keys rotate <project>` (docs/cli.md#keys). Server-managed: the server makes the new key
// and re-encrypts every level. Client-managed: this machine decrypts every level with the current
// passphrase (--client-key) and re-encrypts it with the new one (--new-client-key), then sends
// ciphertext, the new salt and the new key's proof — the new passphrase never leaves the machine.

const ROTATING = { gerund: "rotating", verb: "rotate" };

export async function rotate(session: Session, args: ParsedArgs, io: Io): Promise<number> {
  const keys = await projectKeys(session);
  const project = session.path.project;
  const from = keys.active.version;
  if (keys.meta.custody === "server") {
    await confirmOrRefuse(args, io, `Rotate the key of ${project} (version ${from} → ${from + 1})? The server re-encrypts every level's current values.`, ROTATING);
    return report(session, await send(session, { expected_version: from }));
  }

  const current = passphraseFrom(session, "client-key", stringOption(args, "client-key"), "the current passphrase");
  const next = passphraseFrom(session, "new-client-key", stringOption(args, "new-client-key"), "the new passphrase, at least 16 characters");
  if (next.normalize("NFC").length < MIN_PASSPHRASE_LENGTH) {
    throw new CliError(`the new passphrase is shorter than ${MIN_PASSPHRASE_LENGTH} characters; generate one, e.g. openssl rand -base64 32`, EXIT.usage);
  }
  if (next === current) throw new CliError("the new passphrase is the current one: choose another", EXIT.usage);
  const old = await deriveVersionKey(current, keys.active);
  if (!(await checkActiveProof(session, old.keyProof))) {
    throw new CliError(`the client key given by --client-key is not ${project}'s current key; nothing was rotated`, EXIT.auth);
  }
  const levels = await currentLevels(session);
  const filled = levels.filter((level) => Object.keys(level.values).length > 0);
  refuseOlderLevels(filled, keys, project);
  await confirmOrRefuse(args, io, `Rotate the key of ${project} (version ${from} → ${from + 1}), re-encrypting ${filled.length} level(s) here?`, ROTATING);

  const salt = generateSalt();
  const derived = await deriveProjectKey(next, salt, DEFAULT_ITERATIONS);
  const content = await Promise.all(filled.map(async (level) => ({
    ...(level.target ? { target: level.target } : {}), ...(level.environment ? { environment: level.environment } : {}),
    content: await sealBlob(derived.dataKey, await openAll(old.dataKey, level, project)), expected_version: level.version,
  })));
  const rotated = await send(session, {
    expected_version: from, key_proof: old.keyProof, new: { salt, iterations: DEFAULT_ITERATIONS, key_proof: derived.keyProof }, levels: content,
  });
  return report(session, rotated, "Use the new passphrase (--new-client-key) from now on; keep the old one until history is re-encrypted.");
}

async function send(session: Session, body: Record<string, unknown>): Promise<RotateResult> {
  return (await session.api.post<{ data: RotateResult }>(`/${session.path.project}/keys/rotate`, body)).data;
}

function report(session: Session, rotated: RotateResult, advice?: string): number {
  const project = session.path.project;
  session.info(`Rotated ${project}: key version ${rotated.version} is active (${rotated.levels_reencrypted} level(s) re-encrypted).`);
  if (rotated.stale_versions > 0) {
    session.info(`${rotated.stale_versions} older version(s) are still under older keys: run "dotenv keys reencrypt-history ${project}" to retire them.`);
  }
  if (advice) session.info(advice);
  return EXIT.ok;
}

/** A level restored from before an earlier rotation is under a key the current passphrase cannot open. */
function refuseOlderLevels(levels: CurrentLevel[], keys: ProjectKeys, project: string): void {
  const older = levels.filter((level) => level.keyVersion !== undefined && level.keyVersion !== keys.active.version);
  if (older.length > 0) {
    throw new CliError(
      `${older.map((level) => levelName(level, project)).join(", ")} is under an older key version: run "dotenv keys reencrypt-history ${project}" first; nothing was rotated`,
      EXIT.error,
    );
  }
}

async function openAll(dataKey: CryptoKey, level: CurrentLevel, project: string): Promise<Record<string, string>> {
  try {
    return Object.fromEntries(await Promise.all(Object.entries(level.values).map(async ([name, ciphertext]) => [name, await openValue(dataKey, name, ciphertext)] as const)));
  } catch (error) {
    if (error instanceof DecryptionError) throw new CliError(`the current key does not decrypt ${levelName(level, project)}; nothing was rotated`, EXIT.auth);
    throw error;
  }
}
