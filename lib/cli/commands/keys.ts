import { booleanOption, type ParsedArgs } from "../args";
import { COMMON_HELP, type Command } from "../command";
import { EXIT, usageError } from "../errors";
import { custody } from "../keys/custody";
import { projectKeys } from "../keys/project-keys";
import { reencrypt } from "../keys/reencrypt";
import { rotate } from "../keys/rotate";
import { openSession, type Io, type Session } from "../session";

// `dotenv keys list|rotate|custody|reencrypt-history <project>` (docs/cli.md#keys): a project's
// encryption key over its whole life. Client-managed passphrases come from files only.

const ACTIONS: Record<string, (session: Session, args: ParsedArgs, io: Io) => Promise<number>> = {
  list, rotate, custody, "reencrypt-history": reencrypt,
};

export const keysCommand: Command = {
  name: "keys",
  summary: "Manage a project's encryption key: list, rotate, switch custody, re-encrypt history",
  usage: "dotenv keys list|rotate|custody|reencrypt-history <project> [options]",
  help: `  list                  key versions: state, custody, age, who created them, versions under each
  rotate                a new key; every level's current values re-encrypted under it
  custody --to=client|server
                        switch who holds the key (no ciphertext changes). To the clients, the
                        passphrase is written to the new file --client-key=<file> (mode 0600)
                        before the server forgets it; to the server, it is read from that file
  reencrypt-history     move every older version under the active key (resumable)

Client-managed projects (the passphrases never leave this machine; files only):
  --client-key=<file>       the current passphrase (rotate), the older key's (reencrypt-history)
  --new-client-key=<file>   the new passphrase (rotate, at least 16 characters), the active key's
                            (reencrypt-history)

Options:
  --yes, -y             do not ask for confirmation (rotate, custody; needed without a terminal)
  --json                list: print the server's JSON answer

${COMMON_HELP}

Examples:
  dotenv keys list my-app
  dotenv keys rotate my-app --yes                                   # server-managed
  dotenv keys rotate vault --client-key=old.key --new-client-key=new.key
  dotenv keys reencrypt-history vault --client-key=old.key --new-client-key=new.key
  dotenv keys custody my-app --to=client --client-key=./my-app.key`,
  options: {
    yes: { type: "boolean", short: "y" }, json: { type: "boolean" }, to: { type: "string" },
    "client-key": { type: "string" }, "new-client-key": { type: "string" },
  },
  async run(args, io) {
    const [action, path, ...extra] = args.positionals;
    if (!action || !(action in ACTIONS)) throw usageError(`${action ? `unknown keys action "${action.slice(0, 40)}"` : "missing action"}: use list, rotate, custody or reencrypt-history`);
    if (!path) throw usageError("missing <project>");
    if (extra.length > 0) throw usageError(`unexpected argument "${extra[0]!.slice(0, 40)}"`);
    const session = openSession(io, args, path);
    if (session.path.target) throw usageError("keys belong to a project: give <project> only, not a target or environment");
    return ACTIONS[action]!(session, args, io);
  },
};

async function list(session: Session, args: ParsedArgs, io: Io): Promise<number> {
  const keys = await projectKeys(session);
  if (booleanOption(args, "json")) {
    io.stdout.write(`${JSON.stringify({ data: keys.versions, meta: keys.meta }, null, 2)}\n`);
    return EXIT.ok;
  }
  const { meta } = keys;
  const rotation = meta.rotation.cadence_days
    ? `rotation every ${meta.rotation.cadence_days} days, due ${meta.rotation.due_at?.slice(0, 10)}${meta.rotation.overdue ? " — OVERDUE" : ""}`
    : "no rotation cadence";
  const rows = [["VERSION", "STATE", "CUSTODY", "CREATED", "CREATED BY", "ROTATED", "VERSIONS"]].concat(
    keys.versions.map((version) => [
      String(version.version), version.state, version.custody, version.created_at.slice(0, 19).replace("T", " "),
      version.created_by?.label ?? "-", version.rotated_at?.slice(0, 19).replace("T", " ") ?? "-", String(version.secret_versions),
    ]),
  );
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = [
    `${session.path.project}: ${meta.custody}-managed, key version ${meta.active_version} active; ${rotation}`,
    ...rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()}`),
    ...(meta.stale_versions > 0 ? [`${meta.stale_versions} version(s) still under older keys: dotenv keys reencrypt-history ${session.path.project}`] : []),
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
