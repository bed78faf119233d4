import { isValidSecretName } from "../crypto";

// The one .env reader, for the dashboard (paste, import, text mode) and the CLI (`dotenv push`).
// Values come out exactly as the `dotenv` npm package's `parse` reads them (its default,
// regex-based parser), so a file stored from the browser, from the CLI, or loaded by an app with
// dotenv means the same values everywhere. It is a port rather than a dependency because `dotenv`
// is only a devDependency here and the CLI must run after a plain `npm install -g`; parse.test.ts
// compares the two on every case, and format.property.test.ts proves writer and reader agree.
//
// Where dotenv silently skips or overwrites, this reader also reports a problem with its line
// number (never quoting a value: an unparsable line may be a pasted secret), so nobody stores a
// file that does not mean what it seems to:
//   - a line that is not NAME=value (dotenv skips it);
//   - a name a secret cannot have (dotenv accepts `a.b-c`);
//   - a name given twice (dotenv keeps the last value);
//   - a value that opens a quote and never closes it (dotenv keeps the quote as a character).

// dotenv's LINE pattern, verbatim: optional `export`, NAME, `=` (or `: `), then a quoted or bare value.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;
const BEFORE_NAME = /^\s*(?:export\s+)?/;

export interface DotenvEntry {
  name: string;
  value: string;
  /** 1-based line where the NAME is. */
  line: number;
}

export interface DotenvProblem {
  line: number;
  /** "Line N: …", naming at most the NAME, never the value. */
  message: string;
}

export interface DotenvRead {
  /** In file order, each name once (the first occurrence; a repeat is a problem). */
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

const NAME_RULE = "a name starts with a letter or _ and has only letters, digits and _";

/** Reads .env text: dotenv's values, and a line-numbered problem wherever dotenv would guess. */
export function readDotenv(text: string): DotenvRead {
  const source = text.replace(/\r\n?/gm, "\n");
  const lineStarts = startsOfLines(source);
  const lineAt = (index: number) => lineOf(lineStarts, index);
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const firstLine = new Map<string, number>();
  const covered = new Set<number>();
  const problem = (line: number, message: string) => problems.push({ line, message: `Line ${line}: ${message}` });

  for (const match of source.matchAll(LINE)) {
    const start = match.index + BEFORE_NAME.exec(match[0])![0].length;
    const line = lineAt(start);
    const end = match.index + match[0].length;
    for (let covering = line; covering <= lineAt(Math.max(start, end - 1)); covering++) covered.add(covering);
    const name = match[1]!;
    const raw = (match[2] ?? "").trim();
    const value = dotenvValue(raw);
    if (!isValidSecretName(name)) {
      problem(line, `not a valid name (${NAME_RULE}).`);
      continue;
    }
    if (/^['"`]/.test(raw) && value === raw) {
      problem(line, `the value of ${name} opens a ${raw[0]} quote that is never closed (close it, or quote the whole value).`);
      continue;
    }
    const earlier = firstLine.get(name);
    if (earlier !== undefined) {
      problem(line, `${name} is already defined on line ${earlier}.`);
      continue;
    }
    firstLine.set(name, line);
    entries.push({ name, value, line });
  }

  const lines = source.split("\n");
  lines.forEach((content, index) => {
    const trimmed = content.trim();
    if (trimmed === "" || trimmed.startsWith("#") || covered.has(index + 1)) return;
    problem(index + 1, "expected NAME=value.");
  });
  problems.sort((a, b) => a.line - b.line);
  return { entries, problems };
}

/** dotenv's value rules: one pair of surrounding quotes removed; \n and \r expanded in double quotes only. */
function dotenvValue(raw: string): string {
  const quote = raw[0];
  const value = raw.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  return quote === '"' ? value.replace(/\\n/g, "\n").replace(/\\r/g, "\r") : value;
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}

function lineOf(starts: number[], index: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/**
 * What people paste into the dashboard: .env text as above, or a JSON object of NAME: value (what
 * `dotenv export --format=json` writes). Strings, numbers and booleans become text.
 */
export function readSecretsText(text: string): DotenvRead {
  const trimmed = text.trim();
  return trimmed.startsWith("{") ? readJsonObject(trimmed) : readDotenv(text);
}

function readJsonObject(text: string): DotenvRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { entries: [], problems: [{ line: 1, message: "Line 1: this looks like JSON but is not valid JSON." }] };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { entries: [], problems: [{ line: 1, message: "Line 1: expected a JSON object of NAME: value." }] };
  }
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!isValidSecretName(name)) problems.push({ line: 1, message: `${JSON.stringify(name.slice(0, 64))} is not a valid name (${NAME_RULE}).` });
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") entries.push({ name, value: String(value), line: 1 });
    else problems.push({ line: 1, message: `The value of ${name} is not a string, number or boolean.` });
  }
  return { entries, problems };
}
