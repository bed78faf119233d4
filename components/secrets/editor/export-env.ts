import { downloadText, refusedMessage } from "@/lib/client/download";
import { dotenvFile } from "@/lib/dotenv/format";

// Exports a level as a .env file: only values this user can see are written; a hidden one is left
// out and named in a comment instead. A value no .env line carries refuses the whole export.
export function downloadEnv(fileName: string, names: string[], known: Record<string, string>): { written: number; hidden: number } | { refused: string } {
  const visible = names.filter((name) => known[name] !== undefined);
  const hidden = names.filter((name) => known[name] === undefined);
  const file = dotenvFile(visible.map((name) => [name, known[name]!] as const), hidden.map((name) => `# ${name}: value hidden from you, not exported\n`).join(""));
  if ("refused" in file) return { refused: refusedMessage(file.refused, "exported as .env") };
  downloadText(fileName, file.text);
  return { written: visible.length, hidden: hidden.length };
}
