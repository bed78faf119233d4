import readline from "node:readline";
import { booleanOption, type ParsedArgs } from "./args";
import { CliError, EXIT } from "./errors";
import type { Io } from "./session";

// Asking before a write: a person at a terminal answers y/N; a script must say --yes up front, so a
// CI job never hangs on a prompt nobody sees and never writes without having been told to.

export async function confirmOrRefuse(args: ParsedArgs, io: Io, question: string): Promise<void> {
  if (booleanOption(args, "yes")) return;
  if (!io.stdin.isTTY) {
    throw new CliError("not pushing: stdin is not a terminal, so nobody can confirm; pass --yes to push without a prompt", EXIT.usage);
  }
  const answer = await ask(io, `${question} [y/N] `);
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("cancelled; nothing was written", EXIT.error);
}

function ask(io: Io, question: string): Promise<string> {
  const prompt = readline.createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  return new Promise((resolve) => {
    // Resolve before closing: close() emits "close" at once, which answers "" (Ctrl-D, EOF).
    prompt.question(question, (answer) => {
      resolve(answer);
      prompt.close();
    });
    prompt.on("close", () => resolve(""));
  });
}
