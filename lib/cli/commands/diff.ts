import { booleanOption, stringOption } from "../args";
import { CLIENT_KEY_HELP, CLIENT_KEY_OPTION, COMMON_HELP, type Command } from "../command";
import { CliError, EXIT, usageError } from "../errors";
import { displayPath, parseLevelPath, type LevelPath } from "../level-path";
import { readMergedValues } from "../secrets";
import { openSession } from "../session";
import { comparisonRows, type Comparison, type EffectiveColumn } from "../../schemas/compare";

// `dotenv diff`: which names each environment of a project has, where each comes from and whether
// the values agree — never a value. Exits 1 when a name is missing somewhere, so a pipeline can stop
// a deploy whose environment lacks a name the others have.

export const diffCommand: Command = {
  name: "diff",
  summary: "Compare environments of a project: missing names and differing values (never the values)",
  usage: "dotenv diff <project>/<target>/<environment> <project>/<target>/<environment>… [--json]",
  help: `Lists every effective name of the environments (each merged with its target and project),
where each comes from (environment, target or project), and whether the values are the same —
without printing any value. Server-managed projects are compared on the server; for a
client-managed project pass the key file and the values are compared here.

Exit code 1 when a name is missing from one of the environments (use it as a CI gate before a
deploy); 0 when every environment has every name, even if values differ (they usually should).

Options:
  --json                print the comparison as JSON
${CLIENT_KEY_HELP}

${COMMON_HELP}

Example:
  dotenv diff my-app/backend/staging my-app/backend/production || echo "production lacks a name"`,
  options: { json: { type: "boolean" }, ...CLIENT_KEY_OPTION },
  async run(args, io) {
    const paths = environmentPaths(args.positionals);
    const session = openSession(io, args, args.positionals[0]);
    const comparison = (
      await session.api.get<{ data: Comparison }>(`/${paths[0]!.project}/compare`, { environments: paths.map(environmentOf).join(",") })
    ).data;
    const clientKeyFile = stringOption(args, "client-key");
    const clientKeyGiven = clientKeyFile !== undefined || !!io.env.DOTENV_CLIENT_KEY || !!io.env.DOTENV_CLIENT_KEY_FILE;
    const compared = comparison.equality === "client" && clientKeyGiven ? await compareLocally(comparison, args.positionals, io, args, clientKeyFile) : comparison;

    if (booleanOption(args, "json")) io.stdout.write(`${JSON.stringify(compared, null, 2)}\n`);
    else io.stdout.write(renderTable(compared, comparison.equality === "client" && !clientKeyGiven));
    const missing = compared.names.filter((row) => row.missing_in.length > 0);
    if (missing.length === 0) return EXIT.ok;
    const shown = missing.slice(0, 5).map((row) => `${row.name} (not in ${row.missing_in.join(", ")})`).join(", ");
    io.stderr.write(`dotenv: ${missing.length} name${missing.length === 1 ? " is" : "s are"} missing: ${shown}${missing.length > 5 ? ", …" : ""}\n`);
    return EXIT.error;
  },
};

/** Two or more environment paths (project/target/environment) of one project, each once. */
function environmentPaths(positionals: string[]): LevelPath[] {
  if (positionals.length < 2) throw usageError("name at least two environments: <project>/<target>/<environment> …");
  const paths = positionals.map(parseLevelPath);
  for (const [index, path] of paths.entries()) {
    if (!path.environment) throw usageError(`"${positionals[index]!.slice(0, 200)}" is not an environment: use <project>/<target>/<environment>`);
  }
  const first = paths[0]!;
  if (paths.some((path) => path.project !== first.project || path.organizationId !== first.organizationId)) {
    throw usageError("diff compares environments of one project: every path must start with the same project");
  }
  const seen = new Set(paths.map(environmentOf));
  if (seen.size !== paths.length) throw usageError("an environment is named twice");
  return paths;
}

const environmentOf = (path: LevelPath) => `${path.target}/${path.environment}`;

/** Client-managed: decrypt each environment here with the client key and compare the values in memory. */
async function compareLocally(
  comparison: Comparison, positionals: string[], io: Parameters<Command["run"]>[1], args: Parameters<Command["run"]>[0], clientKeyFile: string | undefined,
): Promise<Comparison> {
  const columns: EffectiveColumn[] = [];
  for (const [index, positional] of positionals.entries()) {
    const values = await readMergedValues(openSession(io, args, positional), { clientKeyFile });
    const column = new Map<string, { source: "project" | "target" | "environment"; token: string | null }>();
    for (const row of comparison.names) {
      const cell = row.cells[index]!;
      if (!cell.present || !cell.source) continue;
      const value = values.get(row.name);
      if (value === undefined) throw new CliError(`the server listed ${row.name} in ${displayPath(parseLevelPath(positional))}, but it did not decrypt to a value`, EXIT.error);
      column.set(row.name, { source: cell.source, token: value });
    }
    columns.push(column);
  }
  return { ...comparison, names: comparisonRows(comparison.environments.map((environment) => environment.path), columns) };
}

const SOURCE_WORD = { environment: "set here", target: "from target", project: "from project" } as const;

function renderTable(comparison: Comparison, keyNeeded: boolean): string {
  const header = ["NAME", ...comparison.environments.map((environment) => environment.path), ""];
  const rows = comparison.names.map((row) => [
    row.name,
    ...row.cells.map((cell) => (cell.present ? `${SOURCE_WORD[cell.source!]}${cell.group !== null ? ` [${cell.group}]` : ""}` : "MISSING")),
    row.missing_in.length > 0 ? `missing in ${row.missing_in.join(", ")}` : row.same === null ? "" : row.same ? "same" : "differs",
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((line) => line[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd();
  const note = keyNeeded
    ? "Values not compared: the project is client-managed (pass --client-key=<file> to compare them here)."
    : "[n]: environments with the same number hold the same value. Values are never shown.";
  const summary = comparison.names.length === 0 ? "No secrets in these environments." : note;
  return `${comparison.project}: ${comparison.environments.map((environment) => environment.path).join(" vs ")}\n\n${[header, ...rows].map(line).join("\n")}\n\n${summary}\n`;
}
