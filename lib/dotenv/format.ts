import { isValidSecretName } from "../crypto";

// Writing .env text that the `dotenv` npm parser AND a POSIX shell (`set -a; . ./.env`) both read
// back exactly, value for value. Used by the API (raw=true) and the CLI. The two readers disagree
// on almost every escape, so each value gets the one form both treat literally:
//
//   1. bare       NAME=value     only [A-Za-z0-9_@%+=:,./-]: no quoting, tilde, comment or space
//                                 (every ciphertext is bare: base64 is in this set);
//   2. single     NAME='value'   anything without a ' — both readers take single quotes literally,
//                                 newlines, ", $, `, \, # and spaces included;
//   3. double     NAME="value"   a value with ' but none of " $ ` \ — the shell expands only those
//                                 inside double quotes, dotenv only \n and \r (no backslash here).
//
// A single-quoted value ending in a backslash reads as `\'` to dotenv's regex, which may then run on
// to a later quote (e.g. into the next line when its value starts with # or a blank line). A
// comment line with a quote followed by a letter right after it stops that run, so it is added.
//
// What no form carries for both readers is refused (UnrepresentableValueError, naming the NAMEs,
// never the values) rather than written so that one of them reads something else:
//   - a carriage return: dotenv turns every \r and \r\n of the file into \n before parsing;
//   - a NUL character: no environment variable can hold one;
//   - a ' together with any of " $ ` \ : the shell needs '\'' or \" to carry the quote, and dotenv
//     keeps those backslashes literally. Such values need the JSON output (or another format).

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const SHELL_SPECIAL_IN_DOUBLE_QUOTES = /["$`\\]/;

export type DotenvEntries = Iterable<readonly [string, string]> | Readonly<Record<string, string>>;

export class UnrepresentableValueError extends Error {
  constructor(
    readonly names: readonly string[],
    /** Which format and why, e.g. "Docker's env-file format (a line break)"; unset: .env. */
    format?: string,
  ) {
    super(
      format
        ? `${names.join(", ")} cannot be written in ${format}. Use the JSON output instead.`
        : `${names.join(", ")} cannot be written as a .env line that dotenv and POSIX shells read back identically ` +
            "(a carriage return, a NUL character, or a ' together with one of \" $ ` \\). Use the JSON output instead.",
    );
    this.name = "UnrepresentableValueError";
  }
}

/** Why a value has no .env form both readers agree on, or null when it has one. */
export function dotenvProblem(value: string): string | null {
  if (value.includes("\0")) return "contains a NUL character";
  if (value.includes("\r")) return "contains a carriage return";
  if (value.includes("'") && SHELL_SPECIAL_IN_DOUBLE_QUOTES.test(value)) return "contains ' together with one of \" $ ` \\";
  return null;
}

/** The value as it appears after `NAME=`, or null when no form works for both readers. */
export function quoteDotenvValue(value: string): string | null {
  if (dotenvProblem(value) !== null) return null;
  if (BARE.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value}"`;
}

/** One entry as .env text: its line (and a guard comment after a trailing backslash), each ending in \n. */
export function dotenvLines(name: string, value: string): string {
  if (!isValidSecretName(name)) throw new TypeError(`Invalid secret name for a .env file: ${JSON.stringify(name)}`);
  const quoted = quoteDotenvValue(value);
  if (quoted === null) throw new UnrepresentableValueError([name]);
  const guard = quoted.endsWith("\\'") ? `# '${name}' ends with a backslash; this line keeps dotenv parsers from reading past it\n` : "";
  return `${name}=${quoted}\n${guard}`;
}

/** A whole .env file; throws UnrepresentableValueError listing every NAME that cannot be written. */
export function formatDotenv(entries: DotenvEntries): string {
  const pairs = toPairs(entries);
  const refused = pairs.filter(([, value]) => dotenvProblem(value) !== null).map(([name]) => name);
  if (refused.length > 0) throw new UnrepresentableValueError(refused);
  return pairs.map(([name, value]) => dotenvLines(name, value)).join("");
}

/** A whole .env file, or the NAMEs no line carries (for callers that show a refusal rather than throw). */
export function dotenvFile(entries: DotenvEntries, trailer = ""): { text: string } | { refused: string[] } {
  try {
    return { text: formatDotenv(entries) + trailer };
  } catch (error) {
    if (error instanceof UnrepresentableValueError) return { refused: [...error.names] };
    throw error;
  }
}

// The other outputs of `dotenv export` (docs/cli.md#commands). Same entry types and the same refusal error, so a
// caller handles every format alike.

/** POSIX single quotes: literal for every character; a ' becomes '\'' (close, escaped quote, reopen). */
export function quoteShellValue(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * `export NAME='value'` lines, safe to `eval "$(dotenv export … --format=shell)"` whatever a value
 * holds: nothing inside single quotes is expanded or executed. Only NUL cannot be carried (no
 * environment variable can hold one).
 */
export function formatShell(entries: DotenvEntries): string {
  const pairs = checkedPairs(entries, (value) => value.includes("\0"), "shell format (a NUL character)");
  return pairs.map(([name, value]) => `export ${name}=${quoteShellValue(value)}\n`).join("");
}

/**
 * `docker run --env-file` lines: Docker takes everything after the first `=` literally, with no
 * quoting or escapes at all, one variable per line. So a value with a line break (or a NUL) has
 * no form and is refused rather than cut short.
 */
export function formatDocker(entries: DotenvEntries): string {
  const pairs = checkedPairs(entries, (value) => /[\n\r\0]/.test(value), "Docker's env-file format (a line break or a NUL character)");
  return pairs.map(([name, value]) => `${name}=${value}\n`).join("");
}

/** A JSON object {NAME: value} in the given order (JSON carries every string exactly). */
export function formatJson(entries: DotenvEntries): string {
  const pairs = checkedPairs(entries, () => false, "JSON");
  return `${JSON.stringify(Object.fromEntries(pairs), null, 2)}\n`;
}

function checkedPairs(entries: DotenvEntries, unrepresentable: (value: string) => boolean, format: string): Array<readonly [string, string]> {
  const pairs = toPairs(entries);
  for (const [name] of pairs) {
    if (!isValidSecretName(name)) throw new TypeError(`Invalid secret name: ${JSON.stringify(name)}`);
  }
  const refused = pairs.filter(([, value]) => unrepresentable(value)).map(([name]) => name);
  if (refused.length > 0) throw new UnrepresentableValueError(refused, format);
  return pairs;
}

function toPairs(entries: DotenvEntries): Array<readonly [string, string]> {
  return isIterable(entries) ? [...entries] : Object.entries(entries);
}

function isIterable(entries: DotenvEntries): entries is Iterable<readonly [string, string]> {
  return typeof (entries as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}
