"use client";

import { useMemo, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { refusedMessage } from "@/lib/client/download";
import { dotenvFile } from "@/lib/dotenv/format";
import { readDotenv } from "@/lib/dotenv/parse";
import { applyText, draftText, type DraftRow, type KnownValues } from "@/lib/client/secret-draft";
import type { LevelDraft } from "./use-level-draft";

// The table or the whole level as .env text, written and read by the one .env writer and reader
// (lib/dotenv), so a value no .env line carries keeps the table. Text needs every value, so
// entering it reveals them all when allowed; while the text parses, the draft follows it, and the table is only taken back
// once it reads cleanly (a half-typed line never loses the draft).

interface TextModeOptions {
  draft: LevelDraft;
  canReveal: boolean;
  revealAll: () => Promise<KnownValues | null>;
  announce: (message: string) => void;
}

export type TextMode = ReturnType<typeof useTextMode>;

export function useTextMode({ draft, canReveal, revealAll, announce }: TextModeOptions) {
  const toast = useToast();
  const [mode, setMode] = useState<"table" | "text">("table");
  const [rawText, setRawText] = useState("");
  // The draft as it was when text mode began: each edit of the text is applied to it afresh.
  const [textBase, setTextBase] = useState<DraftRow[]>([]);
  const parsedText = useMemo(() => (mode === "text" ? readDotenv(rawText) : null), [mode, rawText]);
  const problems = parsedText?.problems ?? [];

  async function enterText() {
    let values: KnownValues | null = draft.known;
    if (draftText(draft.rows, values) === null && canReveal) values = await revealAll();
    const pairs = values ? draftText(draft.rows, values) : null;
    if (!pairs) {
      toast.error("The text view needs every value of this level, and some are hidden from you.");
      return;
    }
    const file = dotenvFile(pairs);
    if ("refused" in file) {
      toast.error(refusedMessage(file.refused, "edited as text"));
      return;
    }
    setTextBase(draft.rows);
    setRawText(file.text);
    setMode("text");
  }

  function changeText(text: string) {
    setRawText(text);
    const parsed = readDotenv(text);
    if (parsed.problems.length === 0) draft.setRows(applyText(textBase, parsed.entries, draft.known));
  }

  function leaveText() {
    if (problems.length > 0) {
      announce(`Fix ${problems.length} line(s) before going back to the table.`);
      return;
    }
    setMode("table");
  }

  return {
    mode,
    rawText,
    /** The text's problems (none in table mode). */
    problems,
    enterText,
    changeText,
    leaveText,
    showTable: () => setMode("table"),
  };
}
