import { parseCommandArgs, booleanOption } from "./args";
import type { Command } from "./command";
import { diffCommand } from "./commands/diff";
import { exportCommand } from "./commands/export";
import { historyCommand } from "./commands/history";
import { keysCommand } from "./commands/keys";
import { pullCommand } from "./commands/pull";
import { pushCommand } from "./commands/push";
import { runCommand } from "./commands/run";
import { whoamiCommand } from "./commands/whoami";
import { CliError, EXIT, oneLine } from "./errors";
import type { Io } from "./session";

// The `dotenv` CLI (docs/cli.md#commands): dispatch, help, and the error contract — a failure is one line on
// stderr, `dotenv: <message>`, and a non-zero exit code (see errors.ts); unexpected errors print
// only their type, since their message could hold anything.

export const COMMANDS: readonly Command[] = [pullCommand, exportCommand, pushCommand, runCommand, whoamiCommand, historyCommand, keysCommand, diffCommand];

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `dotenv — secrets from a DotEnv server, for developers and CI

Usage: dotenv <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join("\n")}
  ${"help".padEnd(width)}  Show help for a command

Paths are <project>[/<target>[/<environment>]], e.g. my-app/backend/production.
Run "dotenv <command> --help" for a command's options.

Environment:
  DOTENV_API_KEY        API key (dtk_…) of the organization; required
  DOTENV_API_URL        server URL (default http://localhost:3000)
  DOTENV_ORGANIZATION   optional organization id (default: the API key's own; or --organization=<id>, or start the path with it)
  DOTENV_CLIENT_KEY_FILE / DOTENV_CLIENT_KEY   client-managed projects (see --client-key)

Exit codes: 0 ok, 1 error, 2 usage, 3 authentication or permission, 4 not found,
5 conflict (nothing written), 6 server unreachable or rate limited; run: the command's own.
`;
}

export function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}.\n\n${command.help}\n`;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h") {
      (name === undefined ? io.stderr : io.stdout).write(mainHelp());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === "--version" || name === "-v") {
      io.stdout.write("0.1.0\n");
      return EXIT.ok;
    }
    if (name === "help") {
      const topic = rest[0];
      const command = COMMANDS.find((candidate) => candidate.name === topic);
      if (topic !== undefined && !command) throw new CliError(`unknown command "${topic.slice(0, 40)}" (see dotenv --help)`, EXIT.usage);
      io.stdout.write(command ? commandHelp(command) : mainHelp());
      return EXIT.ok;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) throw new CliError(`unknown command "${name.slice(0, 40)}" (see dotenv --help)`, EXIT.usage);
    const args = parseCommandArgs(rest, command.options, command.acceptsRest);
    if (booleanOption(args, "help")) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`dotenv: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    io.stderr.write(`dotenv: unexpected error (${error instanceof Error ? error.name : typeof error}); nothing was written\n`);
    // For bug reports only, on request: a stack names code locations, but a message could hold anything.
    if (io.env.DOTENV_DEBUG === "1" && error instanceof Error) io.stderr.write(`${error.stack ?? ""}\n`);
    return EXIT.error;
  }
}
