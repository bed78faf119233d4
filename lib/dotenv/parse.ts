// Reading .env text exactly as the `dotenv` npm package's `parse` does (its default, regex-based
// parser), so `dotenv push` stores the very values an app loading that file with dotenv would see.
// It is a port rather than a dependency because `dotenv` is only a devDependency here, and the
// CLI must run after a plain `npm install -g`. lib/dotenv/parse.test.ts compares the two.

// dotenv's LINE pattern, verbatim: optional `export`, NAME, `=` (or `: `), then a quoted or bare value.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** NAME → value in file order; a repeated NAME keeps its first position and its last value (as dotenv). */
export function parseDotenv(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const lines = text.replace(/\r\n?/gm, "\n");
  for (const match of lines.matchAll(LINE)) {
    const name = match[1]!;
    let value = (match[2] ?? "").trim();
    const quote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
    if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    entries.set(name, value);
  }
  return entries;
}
