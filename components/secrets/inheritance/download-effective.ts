"use client";

import { apiText } from "@/lib/client/api";
import { downloadText, refusedMessage } from "@/lib/client/download";
import { LEVELS, type LevelEntries, type LevelName } from "@/lib/client/inheritance";
import { levelApiPath, levelLabel, type LevelPath } from "@/lib/client/levels";
import { decryptValues } from "@/lib/client/project-key";
import { dotenvFile } from "@/lib/dotenv/format";

// "Download .env" of an environment's effective values, written by the one .env writer: the API's
// raw=true for a server-managed project (a server-side decrypt, audited), or — client-managed and
// unlocked — the same writer here, on values decrypted in this tab. A value no .env line carries
// refuses the download by name (never written so that it reads back as something else).

export async function downloadEffectiveEnv(options: {
  organizationId: string;
  path: LevelPath;
  custody: "server" | "client";
  levels: LevelEntries;
  keyVersions: Partial<Record<LevelName, number>>;
  key: { version: number; dataKey: CryptoKey } | null;
}): Promise<{ names: number } | { refused: string }> {
  const fileName = `${levelLabel(options.path).replace(/\//g, "-")}.env`;
  if (options.custody === "server") {
    const text = await apiText(levelApiPath(options.organizationId, options.path), { query: { decrypt: "true", merge: "true", raw: "true" } });
    downloadText(fileName, text);
    return { names: text.split("\n").filter((line) => /^[A-Za-z_]/.test(line)).length };
  }
  if (!options.key) return { refused: "Unlock the project to download its values." };
  const merged = new Map<string, string>();
  for (const level of LEVELS) {
    const entries = options.levels[level] ?? {};
    if (Object.keys(entries).length === 0) continue;
    if (options.keyVersions[level] !== options.key.version) return { refused: `The ${level} level is encrypted under an older key version; re-encrypt it first.` };
    for (const [name, value] of Object.entries(await decryptValues(options.key.dataKey, entries))) merged.set(name, value);
  }
  const file = dotenvFile(merged);
  if ("refused" in file) return { refused: refusedMessage(file.refused, "written to a .env file") };
  downloadText(fileName, file.text);
  return { names: merged.size };
}
