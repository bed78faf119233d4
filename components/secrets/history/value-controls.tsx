"use client";

import { useState } from "react";
import type { RevealableValues } from "@/components/secrets/inheritance/use-revealable-values";
import { UnlockDialog } from "@/components/secrets/unlock";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/client/api";

// "Reveal values / Hide values" for a version panel or dialog, or the reason values stay hidden
// (no decrypt permission, locked project, a version under another key version).

export function useRevealToggle(values: RevealableValues) {
  const toast = useToast();
  const [revealed, setRevealed] = useState(false);
  async function toggle() {
    if (revealed) return setRevealed(false);
    try {
      await values.reveal();
      setRevealed(true);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }
  return { revealed, toggle };
}

export function ValueControls({
  values,
  revealed,
  onToggle,
  project,
  keyVersion,
}: {
  values: RevealableValues;
  revealed: boolean;
  onToggle: () => void;
  project: { slug: string; name: string };
  keyVersion: number;
}) {
  const [unlockOpen, setUnlockOpen] = useState(false);
  const versionNote = values.unavailable("version");
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {values.access === "server" || values.access === "browser" ? (
        <Button variant="secondary" className="px-2.5 py-1" aria-pressed={revealed} onClick={onToggle} disabled={values.revealing}>
          {values.revealing ? "Decrypting…" : revealed ? "Hide values" : "Reveal values"}
        </Button>
      ) : null}
      {values.access === "none" ? <span className="text-zinc-600 dark:text-zinc-400">You can&apos;t view values here.</span> : null}
      {values.access === "locked" ? (
        <>
          <span className="text-zinc-600 dark:text-zinc-400">Values are encrypted with the project&apos;s passphrase (this version: key version {keyVersion}).</span>
          <Button className="px-2.5 py-1" onClick={() => setUnlockOpen(true)}>
            Unlock to view values
          </Button>
          <UnlockDialog project={project.slug} projectName={project.name} open={unlockOpen} onClose={() => setUnlockOpen(false)} />
        </>
      ) : null}
      {values.access === "browser" && versionNote ? <span className="text-zinc-600 dark:text-zinc-400">This version: {versionNote}</span> : null}
    </div>
  );
}
