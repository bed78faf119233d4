// The CLI's one error type. main.ts prints `dotenv: <message>` on one line of stderr and exits with
// `exitCode`. Messages may name secrets (names are plaintext) and files, never a value, a key, a
// passphrase or the API token.

/** Exit codes; `run` passes its command's own code through instead. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  conflict: 5,
  unavailable: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);

/** One line: a message is never allowed to break the one-line error contract. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
