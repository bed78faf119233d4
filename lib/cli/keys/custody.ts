import fs from "node:fs";
import { deriveProjectKey } from "../../crypto";
import type { CustodyResult } from "../../schemas/keys";
import { writeFileAtomic } from "../atomic-write";
import { stringOption, type ParsedArgs } from "../args";
import { readClientKey } from "../client-key";
import { confirmOrRefuse } from "../confirm";
import { CliError, EXIT, usageError } from "../errors";
import { levelBody } from "../level-path";
import type { Io, Session } from "../session";
import { passphraseFrom, projectKeys } from "./project-keys";

// `dotenv keys custody <project> --to=client|server` (docs/cli.md#keys). No ciphertext changes.
// To the clients: the server's key material (key:retrieve, with key:rotate) is written to the key
// file first — mode 0600, a file that did not exist — and only then does the server forget it, on
// proof that we hold it. To the server: the passphrase is read from the key file and handed over.

const SWITCHING = { gerund: "switching custody", verb: "switch custody" };

export async function custody(session: Session, args: ParsedArgs, io: Io): Promise<number> {
  const to = stringOption(args, "to");
  if (to !== "client" && to !== "server") throw usageError("--to takes client or server");
  const keys = await projectKeys(session);
  const project = session.path.project;
  if (keys.meta.custody === to) throw new CliError(`${project} is already ${to}-managed; nothing changed`, EXIT.error);
  const file = stringOption(args, "client-key");

  if (to === "server") {
    const passphrase = passphraseFrom(session, "client-key", file, "the project's passphrase, to hand to the server");
    await confirmOrRefuse(args, io, `Give ${project}'s key to the server? It will be able to decrypt every value.`, SWITCHING);
    return report(session, await send(session, { custody: "server", passphrase, expected_version: keys.active.version }));
  }

  if (file === undefined) throw usageError("--to=client needs --client-key=<file>: the new file the project's passphrase is written to");
  await confirmOrRefuse(
    args, io,
    `Hand ${project}'s key to its clients? The server forgets it: only the passphrase written to the key file opens the secrets, and nobody can recover it if lost.`,
    SWITCHING,
  );
  const retrieved = (await session.api.post<{ data: { passphrase?: string; salt: string; iterations: number; version: number } }>(
    "/secrets/retrieve", { ...levelBody(session.path), action: "key:retrieve" },
  )).data;
  if (!retrieved.passphrase) {
    throw new CliError("the server did not hand over the key material: this API key needs key:retrieve and key:rotate on the project", EXIT.auth);
  }
  saveKeyFile(file, retrieved.passphrase, session);
  const { keyProof } = await deriveProjectKey(retrieved.passphrase, retrieved.salt, retrieved.iterations);
  const switched = await send(session, { custody: "client", key_proof: keyProof, expected_version: retrieved.version });
  session.info(`The passphrase is in ${file} (mode 0600). Store it in your password manager too: without it nobody can decrypt ${project}.`);
  return report(session, switched);
}

/**
 * Writes the key file before the server forgets the key. A new file only (or one already holding
 * this very key, from an interrupted run): an existing key file is never overwritten.
 */
function saveKeyFile(file: string, passphrase: string, session: Session): void {
  if (fs.existsSync(file)) {
    const existing = readClientKey({ file, env: {}, warn: session.warn });
    if (existing?.passphrase === passphrase) return;
    throw new CliError("the file given by --client-key already exists and holds something else; give a new file (nothing changed)", EXIT.usage);
  }
  try {
    writeFileAtomic(file, `${passphrase}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new CliError(`cannot write the file given by --client-key (${code}); nothing changed`, EXIT.usage);
  }
}

async function send(session: Session, body: Record<string, unknown>): Promise<CustodyResult> {
  return (await session.api.post<{ data: CustodyResult }>(`/${session.path.project}/keys/custody`, body)).data;
}

function report(session: Session, result: CustodyResult): number {
  session.info(`${session.path.project} is now ${result.custody}-managed (key version ${result.version}; no ciphertext changed).`);
  return EXIT.ok;
}
