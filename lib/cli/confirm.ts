import readline from "node:readline";
import { booleanOption, type ParsedArgs } from "./args";
import { CliError, EXIT } from "./errors";
import type { Io } from "./session";

// Asking before a write: a person at a terminal answers y/N; a script must say --yes up front, so a
// CI job never hangs on a prompt nobody sees and never writes without having been told to.

/** What is being confirmed, for the refusal: "not pushing … pass --yes to push without a prompt". */
export interface ConfirmedAction {
  gerund: string;
  verb: string;
}

export async function confirmOrRefuse(args: ParsedArgs, io: Io, question: string, action: ConfirmedAction = { gerund: "pushing", verb: "push" }): Promise<void> {
  if (booleanOption(args, "yes")) return;
  if (!io.stdin.isTTY) {
    throw new CliError(`not ${action.gerund}: stdin is not a terminal, so nobody can confirm; pass --yes to ${action.verb} without a prompt`, EXIT.usage);
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
