"use client";

import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { PassphraseSetup, checkPassphrase, type PassphraseState } from "@/components/projects/passphrase-setup";
import { useProjectKey } from "@/components/secrets/project-keys";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { rotateInBrowser, rotateOnServer } from "@/lib/client/key-lifecycle";
import { generatePassphrase } from "@/lib/crypto";
import type { RotateResult } from "@/lib/schemas/keys";
import { CurrentKeyField, useCurrentKey } from "./current-key";
import { keyFlowFailure } from "./failure";

// Rotating the key. Server-managed: a confirmation, then the server re-encrypts every level.
// Client-managed: the current key (unlocked, or its passphrase), a new passphrase generated or
// typed here and shown once, every level re-encrypted in this tab, one request. The new
// passphrase never leaves the page: only the new salt, the new key's proof and ciphertext do.

interface Props {
  project: string;
  custody: "server" | "client";
  activeVersion: number;
  open: boolean;
  onClose: () => void;
  onRotated: () => void;
}

export function RotateDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Rotate the key of ${props.project}`}
      description={`Key version ${props.activeVersion + 1} becomes active and every level's current values are re-encrypted under it. Older versions stay readable with the old key until you re-encrypt history.`}
    >
      {props.custody === "server" ? <ServerRotation {...props} /> : <ClientRotation {...props} />}
    </Dialog>
  );
}

function announce(toast: ReturnType<typeof useToast>, rotated: RotateResult) {
  toast.success(`Key rotated: version ${rotated.version} is active (${rotated.levels_reencrypted} level(s) re-encrypted).`);
}

function ServerRotation({ project, activeVersion, onClose, onRotated }: Props) {
  const organization = useOrganization();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function rotate() {
    setBusy(true);
    setFailure(null);
    try {
      announce(toast, await rotateOnServer(organization.id, project, activeVersion));
      onRotated();
    } catch (error) {
      setFailure(keyFlowFailure(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="text-sm">The server generates the new key and re-encrypts in one transaction: if anything fails, nothing changes. Values stay the same.</p>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="button" onClick={() => void rotate()} disabled={busy}>
          {busy ? "Rotating…" : "Rotate key"}
        </Button>
      </DialogActions>
    </>
  );
}

function ClientRotation({ project, activeVersion, onClose, onRotated }: Props) {
  const organization = useOrganization();
  const toast = useToast();
  const { adopt } = useProjectKey(project);
  const current = useCurrentKey(project, activeVersion);
  const [next, setNext] = useState<PassphraseState>(() => ({ mode: "generate", generated: generatePassphrase(), typed: "", confirm: "", saved: false }));
  const [step, setStep] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const problem = checkPassphrase(next) ?? (next.saved ? null : "Confirm that you have saved the new passphrase.");

  async function rotate() {
    if (problem) return setFailure(problem);
    setFailure(null);
    setStep("Checking the current key…");
    try {
      const key = await current.resolve();
      const { rotated, key: newKey } = await rotateInBrowser(organization.id, project, key, next.mode === "generate" ? next.generated : next.typed, setStep);
      adopt(newKey);
      current.forget();
      setNext({ mode: "generate", generated: "", typed: "", confirm: "", saved: false });
      announce(toast, rotated);
      onRotated();
    } catch (error) {
      setFailure(keyFlowFailure(error));
    } finally {
      setStep(null);
    }
  }

  return (
    <form
      aria-label="Rotate the client-managed key"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void rotate();
      }}
    >
      <CurrentKeyField current={current} />
      <PassphraseSetup value={next} onChange={setNext} error={null} disabled={step !== null} />
      {step ? <Alert>{step}</Alert> : null}
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={step !== null || !current.ready || problem !== null}>
          {step ? "Rotating…" : "Rotate key"}
        </Button>
      </DialogActions>
    </form>
  );
}
