"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { WrongPassphraseError } from "@/lib/client/project-key";
import { errorMessage } from "@/lib/client/api";
import { useProjectKey } from "./project-keys";

// The unlock dialog and lock button of a client-managed project. The passphrase lives in this
// component's state only while the dialog is open, and is cleared as soon as it has been used.

export function UnlockDialog({ project, projectName, open, onClose }: { project: string; projectName: string; open: boolean; onClose: () => void }) {
  const { unlock } = useProjectKey(project);
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  function close() {
    setPassphrase("");
    setError(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return setError("Enter the project's passphrase.");
    setWorking(true);
    setError(null);
    try {
      await unlock(passphrase);
      close();
    } catch (failure) {
      setError(
        failure instanceof WrongPassphraseError
          ? "That passphrase does not unlock this project. Nothing was changed; check it and try again."
          : failure instanceof Error && !("status" in failure)
            ? failure.message
            : errorMessage(failure),
      );
    } finally {
      setWorking(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Unlock ${projectName}`}
      description="This project's key is held only by its users. Your passphrase is used in this browser tab to derive the key; it is never sent to the server or stored."
    >
      <form onSubmit={submit} className="space-y-4" aria-label="Unlock project">
        <Field
          label="Passphrase"
          type="password"
          autoComplete="off"
          autoFocus
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          error={error ?? undefined}
        />
        {working ? <Alert>Deriving the key (PBKDF2, 600,000 rounds)…</Alert> : null}
        <DialogActions>
          <Button type="button" variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={working}>
            {working ? "Unlocking…" : "Unlock"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "Locked · Unlock" or "Unlocked · Lock" for a client-managed project. */
export function ProjectKeyStatus({ project, projectName }: { project: string; projectName: string }) {
  const { key, lock } = useProjectKey(project);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="project-key-status">
      {key ? (
        <>
          <span className="text-emerald-700 dark:text-emerald-400">Unlocked in this tab</span>
          <Button variant="secondary" onClick={lock}>
            Lock
          </Button>
        </>
      ) : (
        <>
          <span className="text-zinc-600 dark:text-zinc-400">Locked</span>
          <Button onClick={() => setOpen(true)}>Unlock</Button>
        </>
      )}
      <UnlockDialog project={project} projectName={projectName} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
