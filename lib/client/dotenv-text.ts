import { isValidSecretName } from "@/lib/crypto";
import { quoteDotenvValue } from "@/lib/dotenv/format";

// The editor's .env text: reading what people paste or type (with a line number for every problem,
// never quoting a value: a line that fails to parse may be a pasted secret) and writing a level as
// text that reads back exactly. Values are written as the API's raw output writes them
// (lib/dotenv/format: bare, '…' or "…" so dotenv and shells agree); a value no such form carries
// gets a double-quoted form with \n, \r, \" and \\ escapes, which this reader understands too.

export interface EnvTextEntry {
  name: string;
  value: string;
  /** 1-based line where the entry starts. */
  line: number;
}

export interface EnvTextProblem {
  line: number;
  message: string;
}

export interface EnvTextParse {
  entries: EnvTextEntry[];
  problems: EnvTextProblem[];
}

const NAME_RULE = "a name starts with a letter or _ and has only letters, digits and _";

/** Reads .env text (or a JSON object of NAME: value). Duplicated names are problems, not silent overwrites. */
export function parseEnvText(text: string): EnvTextParse {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return parseJsonObject(trimmed);
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const entries: EnvTextEntry[] = [];
  const problems: EnvTextProblem[] = [];
  const firstLine = new Map<string, number>();
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = lines[index]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const body = line.replace(/^export\s+/, "");
    const eq = body.indexOf("=");
    if (eq === -1) {
      problems.push({ line: lineNumber, message: `Line ${lineNumber}: expected NAME=value.` });
      continue;
    }
    const name = body.slice(0, eq).trim();
    const rest = lines[index]!.slice(lines[index]!.indexOf("=") + 1).trimStart();
    const read = readValue(rest, lines, index);
    if ("problem" in read) {
      problems.push({ line: lineNumber, message: `Line ${lineNumber}: ${read.problem}` });
      index = read.lastLine;
      continue;
    }
    index = read.lastLine;
    if (!isValidSecretName(name)) {
      problems.push({ line: lineNumber, message: `Line ${lineNumber}: not a valid name (${NAME_RULE}).` });
      continue;
    }
    const earlier = firstLine.get(name);
    if (earlier !== undefined) {
      problems.push({ line: lineNumber, message: `Line ${lineNumber}: ${name} is already defined on line ${earlier}.` });
      continue;
    }
    firstLine.set(name, lineNumber);
    entries.push({ name, value: read.value, line: lineNumber });
  }
  return { entries, problems };
}

type ValueRead = { value: string; lastLine: number } | { problem: string; lastLine: number };

/** The value starting at `rest` (the text after `=` on line `index`); quoted values may span lines. */
function readValue(rest: string, lines: string[], index: number): ValueRead {
  const quote = rest[0];
  if (quote !== '"' && quote !== "'" && quote !== "`") {
    // Bare: up to a comment that follows whitespace ("a#b" keeps its #, as in most .env readers).
    return { value: rest.replace(/\s+#.*$/, "").trimEnd(), lastLine: index };
  }
  let text = rest.slice(1);
  let value = "";
  let lineIndex = index;
  for (;;) {
    for (let position = 0; position < text.length; position++) {
      const char = text[position]!;
      if (quote === '"' && char === "\\" && position + 1 < text.length) {
        const next = text[position + 1]!;
        const escaped = next === "n" ? "\n" : next === "r" ? "\r" : next === '"' || next === "\\" ? next : null;
        if (escaped !== null) {
          value += escaped;
          position++;
          continue;
        }
      }
      if (char === quote) {
        const after = text.slice(position + 1).trim();
        if (after !== "" && !after.startsWith("#")) return { problem: "unexpected text after the closing quote.", lastLine: lineIndex };
        return { value, lastLine: lineIndex };
      }
      value += char;
    }
    lineIndex++;
    if (lineIndex >= lines.length) return { problem: `the quoted value is never closed (add the closing ${quote}).`, lastLine: lines.length - 1 };
    value += "\n";
    text = lines[lineIndex]!;
  }
}

function parseJsonObject(text: string): EnvTextParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { entries: [], problems: [{ line: 1, message: "Line 1: this looks like JSON but is not valid JSON." }] };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { entries: [], problems: [{ line: 1, message: "Line 1: expected a JSON object of NAME: value." }] };
  }
  const entries: EnvTextEntry[] = [];
  const problems: EnvTextProblem[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!isValidSecretName(name)) problems.push({ line: 1, message: `${JSON.stringify(name.slice(0, 64))} is not a valid name (${NAME_RULE}).` });
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") entries.push({ name, value: String(value), line: 1 });
    else problems.push({ line: 1, message: `The value of ${name} is not a string, number or boolean.` });
  }
  return { entries, problems };
}

/** One NAME=value line per entry, in order, that parseEnvText reads back exactly. */
export function formatEnvText(entries: Iterable<readonly [string, string]>): string {
  let text = "";
  for (const [name, value] of entries) text += `${name}=${quoteDotenvValue(value) ?? escapedDoubleQuoted(value)}\n`;
  return text;
}

function escapedDoubleQuoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}
