import { booleanOption, stringOption } from "../args";
import { COMMON_HELP, type Command } from "../command";
import { EXIT, usageError } from "../errors";
import { levelUrlPath } from "../level-path";
import { openSession } from "../session";
import { singlePath } from "./shared";

interface VersionSummary {
  version: number;
  created_at: string;
  actor: { type: string; label: string };
  source: string;
  key_version: number;
  names: { added: string[]; removed: string[]; changed: string[] };
  current: boolean;
  restored_from?: number | null;
}

export const historyCommand: Command = {
  name: "history",
  summary: "List a level's versions: who changed which names, when",
  usage: "dotenv history <project>[/<target>[/<environment>]] [--limit=20] [--json]",
  help: `Lists the versions of the level (its deepest segment), newest first: number, time, who wrote it
and from where, key version, and the names added (+), changed (~) and removed (-). Never values.

Options:
  --limit=<n>           how many versions (1–100, default 20)
  --json                print the versions as JSON

${COMMON_HELP}

Example:
  dotenv history my-app/backend/production --limit=5`,
  options: { limit: { type: "string", short: "n" }, json: { type: "boolean" } },
  async run(args, io) {
    const session = openSession(io, args, singlePath(args));
    const limitText = stringOption(args, "limit") ?? "20";
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100) throw usageError("--limit takes a number from 1 to 100");
    const page = await session.api.get<{ data: VersionSummary[] }>(`${levelUrlPath(session.path)}/secrets/versions`, { limit: Number(limitText) });
    if (booleanOption(args, "json")) {
      io.stdout.write(`${JSON.stringify(page.data, null, 2)}\n`);
      return EXIT.ok;
    }
    if (page.data.length === 0) {
      io.stdout.write("No versions yet.\n");
      return EXIT.ok;
    }
    io.stdout.write(`${page.data.map(describeVersion).join("\n")}\n`);
    return EXIT.ok;
  },
};

function describeVersion(entry: VersionSummary): string {
  const names = [
    ...entry.names.added.map((name) => `+${name}`),
    ...entry.names.changed.map((name) => `~${name}`),
    ...entry.names.removed.map((name) => `-${name}`),
  ];
  const restored = entry.restored_from ? ` (restored from v${entry.restored_from})` : "";
  const head = `v${entry.version}${entry.current ? " (current)" : ""}${restored}  ${entry.created_at}  ${entry.actor.label} via ${entry.source}  key v${entry.key_version}`;
  return names.length > 0 ? `${head}\n    ${names.join(" ")}` : `${head}\n    (no name changes)`;
}
