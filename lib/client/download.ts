// Files built in the browser (nothing is requested for them): a .env export of values this tab
// already holds. Written by the one .env writer (lib/dotenv/format), so what the API's raw=true,
// the CLI and the dashboard write is read back identically; a value no .env line carries is
// refused by name, never written so that it reads back as something else.

/** "A and B cannot be exported as .env: …" — the message for a refused export or text view. */
export function refusedMessage(names: readonly string[], what: string): string {
  const list = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  return `${list} cannot be ${what}: no .env line reads back exactly (a carriage return, a NUL, or ' together with " $ \` \\). Use the table, the API's JSON or \`dotenv export --format=json\`.`;
}

/** Starts a download of `text` as `fileName`. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoke after the click has been handled, so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
