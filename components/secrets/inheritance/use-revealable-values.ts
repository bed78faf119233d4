"use client";

import { useCallback, useEffect, useState } from "react";
import { useProjectKey } from "@/components/secrets/project-keys";
import { decryptValues } from "@/lib/client/project-key";

// Plaintext for ciphertext shown on a page, from wherever this user may get it:
// - server-managed with secret:decrypt: asked of the server on demand (each reveal is a separate,
//   audited decrypt of just the names revealed), remembered per ciphertext;
// - client-managed and unlocked: decrypted here in the browser, group by group, when the group is
//   under the unlocked key's version (an older key version cannot be opened with it);
// - otherwise: nothing, with the reason in words.
// A "group" is one set of NAME → ciphertext under one key version: a level, or a stored version.

export interface CipherGroup {
  entries: Record<string, string>;
  /** Key version the group is encrypted under; null when it is empty. */
  keyVersion: number | null;
}

export type ValueAccess = "server" | "browser" | "locked" | "none";

export interface RevealableValues {
  access: ValueAccess;
  /** The plaintext of `name` in `group`, once known. */
  plaintext: (group: string, name: string) => string | undefined;
  /** Why the values of `group` cannot be shown, or null when they can. */
  unavailable: (group: string) => string | null;
  /** Makes plaintext of `names` (all names when omitted) available; a no-op in the browser. */
  reveal: (names?: string[]) => Promise<void>;
  revealing: boolean;
}

/** Server-side decryption of some names; returns group → NAME → plaintext. */
export type ServerDecrypt = (names?: string[]) => Promise<Record<string, Record<string, string>>>;

export function useRevealableValues({
  project,
  custody,
  canDecrypt,
  groups,
  serverDecrypt,
}: {
  project: string;
  custody: "server" | "client";
  canDecrypt: boolean;
  groups: Record<string, CipherGroup>;
  serverDecrypt: ServerDecrypt;
}): RevealableValues {
  const { key } = useProjectKey(project);
  const access: ValueAccess = custody === "client" ? (key ? "browser" : "locked") : canDecrypt ? "server" : "none";
  // group → name → { ciphertext it was decrypted from, plaintext }: a changed ciphertext is never shown stale.
  const [known, setKnown] = useState<Record<string, Record<string, { ciphertext: string; plaintext: string }>>>({});
  const [browserFailures, setBrowserFailures] = useState<Record<string, string>>({});
  const [revealing, setRevealing] = useState(false);
  const fingerprint = JSON.stringify(groups);

  const remember = useCallback((plain: Record<string, Record<string, string>>, source: Record<string, CipherGroup>) => {
    setKnown((all) => {
      const next = { ...all };
      for (const [group, values] of Object.entries(plain)) {
        next[group] = { ...next[group] };
        for (const [name, plaintext] of Object.entries(values)) {
          const ciphertext = source[group]?.entries[name];
          if (ciphertext !== undefined) next[group]![name] = { ciphertext, plaintext };
        }
      }
      return next;
    });
  }, []);

  // Client-managed: decrypt everything under the unlocked key as soon as it is there.
  useEffect(() => {
    if (access !== "browser" || !key) return;
    let cancelled = false;
    const source = JSON.parse(fingerprint) as Record<string, CipherGroup>;
    void (async () => {
      const plain: Record<string, Record<string, string>> = {};
      const failures: Record<string, string> = {};
      for (const [group, { entries, keyVersion }] of Object.entries(source)) {
        if (keyVersion === null || keyVersion !== key.version) continue;
        try {
          plain[group] = await decryptValues(key.dataKey, entries);
        } catch {
          failures[group] = "These values could not be decrypted with the unlocked key.";
        }
      }
      if (cancelled) return;
      remember(plain, source);
      setBrowserFailures(failures);
    })();
    return () => {
      cancelled = true;
    };
  }, [access, key, fingerprint, remember]);

  const plaintext = useCallback(
    (group: string, name: string) => {
      const entry = known[group]?.[name];
      return entry && entry.ciphertext === groups[group]?.entries[name] ? entry.plaintext : undefined;
    },
    [known, groups],
  );

  const unavailable = useCallback(
    (group: string): string | null => {
      if (access === "none") return "You can't view values here.";
      if (access === "locked") return "Unlock the project to view values.";
      if (access === "browser") {
        const needed = groups[group]?.keyVersion;
        if (needed != null && key && needed !== key.version) {
          return `Encrypted under key version ${needed}; the unlocked key is version ${key.version}.`;
        }
        return browserFailures[group] ?? null;
      }
      return null;
    },
    [access, groups, key, browserFailures],
  );

  const reveal = useCallback(
    async (names?: string[]) => {
      if (access !== "server") return;
      const missing = names?.filter((name) => Object.keys(groups).some((group) => name in groups[group]!.entries && plaintext(group, name) === undefined));
      if (names && missing!.length === 0) return;
      setRevealing(true);
      try {
        remember(await serverDecrypt(names ? missing : undefined), groups);
      } finally {
        setRevealing(false);
      }
    },
    [access, groups, plaintext, remember, serverDecrypt],
  );

  return { access, plaintext, unavailable, reveal, revealing };
}
