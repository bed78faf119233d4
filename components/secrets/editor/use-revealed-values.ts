"use client";

import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/client/api";
import type { LevelPath } from "@/lib/client/levels";
import type { DraftRow, KnownValues } from "@/lib/client/secret-draft";
import { revealOnServer } from "./level-data";
import type { LevelDraft } from "./use-level-draft";

// Which stored values are shown unmasked. Server-managed values are fetched (a server-side decrypt,
// audited) the first time they are revealed; client-managed ones are already known once unlocked.

interface RevealOptions {
  path: LevelPath;
  custody: "server" | "client";
  draft: LevelDraft;
  announce: (message: string) => void;
}

export type RevealedValues = ReturnType<typeof useRevealedValues>;

export function useRevealedValues({ path, custody, draft, announce }: RevealOptions) {
  const toast = useToast();
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const { organizationId, known } = draft;

  /** Fetches the stored value of `name` if needed, and shows it unless `show` is false. */
  async function reveal(name: string, show = true): Promise<KnownValues | null> {
    if (custody === "server" && known[name] === undefined) {
      try {
        draft.learn(await revealOnServer(organizationId, path, [name]));
      } catch (error) {
        toast.error(errorMessage(error));
        return null;
      }
    }
    if (show) setRevealed((all) => new Set(all).add(name));
    return known;
  }

  /** Shows every stored value; resolves to all values known then, or null when they could not be fetched. */
  async function revealAll(): Promise<KnownValues | null> {
    let values = known;
    if (custody === "server") {
      try {
        values = { ...known, ...(await revealOnServer(organizationId, path)) };
        draft.setKnown(values);
      } catch (error) {
        toast.error(errorMessage(error));
        return null;
      }
    }
    setRevealed(new Set(Object.keys(draft.baseline?.entries ?? {})));
    announce("All values revealed.");
    return values;
  }

  function maskAll() {
    setRevealed(new Set());
    announce("All values masked.");
  }

  function hide(name: string | null) {
    setRevealed((all) => new Set([...all].filter((stored) => stored !== name)));
  }

  /** A row shows its value when it was typed in this draft, or its stored value is revealed and known. */
  function isShown(row: DraftRow, value: string | undefined): boolean {
    return row.value !== undefined || (row.original !== null && revealed.has(row.original) && value !== undefined);
  }

  return {
    anyRevealed: revealed.size > 0,
    reveal,
    revealAll,
    maskAll,
    hide,
    isShown,
    /** Masks everything without a word (the project was locked). */
    forget: () => setRevealed(new Set()),
  };
}
