"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// Recovery codes, shown once: a numbered grid, copy and a dated .txt download. "Done" waits until
// they were copied or downloaded, so nobody closes this before saving them.
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = [
    "DotEnv recovery codes",
    `Generated ${new Date().toISOString().slice(0, 10)}. Each code works once. Keep them somewhere safe, like a password manager.`,
    "",
    ...codes.map((code, index) => `${String(index + 1).padStart(2, " ")}. ${code}`),
    "",
  ].join("\n");

  async function copy() {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setSaved(true);
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `dotenv-recovery-codes-${new Date().toISOString().slice(0, 10)}.txt`;
    link.click();
    URL.revokeObjectURL(url);
    setSaved(true);
  }

  return (
    <div className="space-y-4">
      <Alert>Save these recovery codes now: they are shown only once. Each one signs you in once if you lose your other methods.</Alert>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-zinc-50 p-4 font-mono text-sm dark:bg-zinc-950" aria-label="Recovery codes">
        {codes.map((code, index) => (
          <li key={code} data-testid="recovery-code">
            <span className="mr-2 text-zinc-400 select-none">{index + 1}.</span>
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={copy}>
          <span aria-live="polite">{copied ? "Copied ✓" : "Copy codes"}</span>
        </Button>
        <Button type="button" variant="secondary" onClick={download}>Download .txt</Button>
        <Button type="button" className="ml-auto" onClick={onDone} disabled={!saved} title={saved ? undefined : "Copy or download the codes first"}>
          Done
        </Button>
      </div>
    </div>
  );
}
