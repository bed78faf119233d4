import type { KeysMeta, KeyVersionView } from "../../schemas/keys";
import { deriveClientKey, readClientKey } from "../client-key";
import { CliError, EXIT } from "../errors";
import type { Session } from "../session";

// What every `dotenv keys` subcommand starts from: the project's key versions (GET …/keys) and,
// for client-managed projects, passphrases read from key files and derived here — never sent.

export interface ProjectKeys {
  versions: KeyVersionView[];
  meta: KeysMeta;
  active: KeyVersionView;
}

export async function projectKeys(session: Session): Promise<ProjectKeys> {
  const body = await session.api.get<{ data: KeyVersionView[]; meta: KeysMeta }>(`/${session.path.project}/keys`);
  const active = body.data.find((version) => version.state === "active");
  if (!active) throw new CliError(`the server listed no active key for ${session.path.project}`, EXIT.error);
  return { versions: body.data, meta: body.meta, active };
}

/** The passphrase in the file given by `option` (--client-key or --new-client-key); a literal is refused. */
export function passphraseFrom(session: Session, option: "client-key" | "new-client-key", file: string | undefined, purpose: string): string {
  if (file === undefined) throw new CliError(`${session.path.project} is client-managed: pass --${option}=<file> (${purpose})`, EXIT.usage);
  // DOTENV_CLIENT_KEY* describe the current key; the new one only ever comes from its own file.
  const source = readClientKey({ file, env: {}, warn: session.warn });
  return source!.passphrase;
}

/** Derives a version's key from a passphrase with that version's parameters (refusing unsafe ones). */
export async function deriveVersionKey(passphrase: string, version: Pick<KeyVersionView, "salt" | "iterations">) {
  return deriveClientKey(passphrase, { salt: version.salt, iterations: version.iterations });
}

/** Whether the server takes this proof as the active key's (POST …/keys/check); nothing is written. */
export async function checkActiveProof(session: Session, keyProof: string): Promise<boolean> {
  const body = await session.api.post<{ data: { valid: boolean } }>(`/${session.path.project}/keys/check`, { key_proof: keyProof });
  return body.data.valid;
}
