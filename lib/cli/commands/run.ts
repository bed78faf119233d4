import { spawn } from "node:child_process";
import { constants } from "node:os";
import { stringOption } from "../args";
import { CLIENT_KEY_HELP, CLIENT_KEY_OPTION, COMMON_HELP, type Command } from "../command";
import { CliError, EXIT, usageError } from "../errors";
import { readMergedValues } from "../secrets";
import { openSession } from "../session";

// `dotenv run <path> -- <command…>`: the command runs with the secrets added to its environment
// (they override variables of the same name), directly — no shell, so nothing in a value or an
// argument is interpreted unless the command is itself a shell. Its stdio is ours, signals sent to
// us reach it, and its exit status becomes ours.

const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"] as const;

export const runCommand: Command = {
  name: "run",
  summary: "Run a command with a level's secrets in its environment",
  usage: "dotenv run <project>[/<target>[/<environment>]] -- <command> [args…]",
  help: `Runs the command with the level's merged, decrypted values added to its environment (they
override variables of the same name). No shell is involved: use -- sh -c '…' when you want one.
The command's exit code (or signal) becomes dotenv's.

Options:
${CLIENT_KEY_HELP}

${COMMON_HELP}

Examples:
  dotenv run my-app/backend/production -- node server.js
  dotenv run my-app/backend/staging -- sh -c 'echo "connecting to $DATABASE_HOST"'`,
  options: { ...CLIENT_KEY_OPTION },
  acceptsRest: true,
  async run(args, io) {
    const [pathText, ...extra] = args.positionals;
    if (!pathText) throw usageError("missing <project>[/<target>[/<environment>]]");
    if (extra.length > 0 || args.rest === null) throw usageError("put the command after --, e.g. dotenv run my-app/backend/production -- node server.js");
    const [command, ...commandArgs] = args.rest;
    if (!command) throw usageError("missing the command after --");
    const session = openSession(io, args, pathText);
    const values = await readMergedValues(session, { clientKeyFile: stringOption(args, "client-key") });
    return spawnWithSecrets(command, commandArgs, { ...io.env, ...Object.fromEntries(values) }, io.cwd);
  },
};

function spawnWithSecrets(command: string, args: string[], env: Record<string, string | undefined>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: env as NodeJS.ProcessEnv, cwd });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const handlers = FORWARDED_SIGNALS.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const cleanUp = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      cleanUp();
      if (error.code === "ENOENT") reject(new CliError(`command not found: ${command}`, 127));
      else if (error.code === "EACCES") reject(new CliError(`permission denied running ${command}`, 126));
      else reject(new CliError(`cannot run ${command} (${error.code ?? "error"})`, EXIT.error));
    });
    child.on("exit", (code, signal) => {
      cleanUp();
      // A command killed by a signal: exit as a shell reports it (128 + signal number).
      resolve(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? EXIT.error));
    });
  });
}
