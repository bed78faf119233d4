"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";

// A destructive action that cannot be undone: the button enables only once the user has typed
// the exact phrase (a slug, a level's path), so it is never confirmed by a reflex click or Enter.

export function TypedConfirmDialog({
  open,
  onClose,
  title,
  description,
  phrase,
  actionLabel,
  onConfirm,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: ReactNode;
  phrase: string;
  actionLabel: string;
  /** Resolves when done; a thrown error is shown in the dialog. */
  onConfirm: () => Promise<void>;
  /** Shown above the confirmation field, e.g. what will be lost. */
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const matches = typed.trim() === phrase;

  function close() {
    setTyped("");
    setError(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!matches || working) return;
    setWorking(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Something went wrong. Try again.");
    } finally {
      setWorking(false);
    }
  }

  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      <form onSubmit={submit} className="space-y-4" aria-label={title}>
        {children}
        <Field
          label={`Type ${phrase} to confirm`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          className="font-mono"
        />
        {error ? <Alert tone="error">{error}</Alert> : null}
        <DialogActions>
          <Button type="button" variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!matches || working}>
            {working ? "Working…" : actionLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
