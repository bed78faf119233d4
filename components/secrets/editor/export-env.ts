import { formatEnvText } from "@/lib/client/dotenv-text";

// Exports a level as a .env file built in the browser (nothing is requested for it): only values
// this user can see are written; a hidden one is left out and named in a comment instead.
export function downloadEnv(fileName: string, names: string[], known: Record<string, string>): { written: number; hidden: number } {
  const visible = names.filter((name) => known[name] !== undefined);
  const hidden = names.filter((name) => known[name] === undefined);
  const text = formatEnvText(visible.map((name) => [name, known[name]!] as const)) + hidden.map((name) => `# ${name}: value hidden from you, not exported\n`).join("");
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoke after the click has been handled, so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { written: visible.length, hidden: hidden.length };
}
