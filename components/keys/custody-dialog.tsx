"use client";

import { useId, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { SENSITIVE, SENSITIVE_CLASS } from "@/components/projects/sensitive";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { custodyToClient, custodyToServer, retrieveKeyMaterial } from "@/lib/client/key-lifecycle";
import { keyFlowFailure } from "./failure";

// Switching custody (docs/crypto.md#switching-custody): no ciphertext changes either way. To the
// clients: the passphrase is shown here once, to be saved before the server forgets it (and then
// nobody can recover it). To the server: the passphrase typed here is handed over, and the server
// can decrypt from then on.

interface Props {
  project: string;
  custody: "server" | "client";
  activeVersion: number;
  staleVersions: number;
  open: boolean;
  onClose: () => void;
  onSwitched: () => void;
}

export function CustodyDialog(props: Props) {
  const toClient = props.custody === "server";
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={toClient ? "Switch to client-managed (zero-knowledge)" : "Switch to server-managed"}
      description="No secret is re-encrypted: the key stays the same, only who holds it changes."
    >
      {props.staleVersions > 0 ? (
        <Alert tone="error">
          {props.staleVersions} version(s) are still under an older key, which nobody would hold after the switch. Re-encrypt history first.
        </Alert>
      ) : toClient ? (
        <ToClient {...props} />
      ) : (
        <ToServer {...props} />
      )}
      {props.staleVersions > 0 ? (
        <DialogActions>
          <Button type="button" variant="secondary" onClick={props.onClose}>
            Close
          </Button>
        </DialogActions>
      ) : null}
    </Dialog>
  );
}

function useSwitch(onSwitched: () => void) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  async function run(change: () => Promise<{ custody: string }>) {
    setBusy(true);
    setFailure(null);
    try {
      const result = await change();
      toast.success(`The project is now ${result.custody}-managed.`);
      onSwitched();
    } catch (error) {
      setFailure(keyFlowFailure(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, failure, setFailure, run };
}

function ToClient({ project, onClose, onSwitched }: Props) {
  const organization = useOrganization();
  const { busy, failure, setFailure, run } = useSwitch(onSwitched);
  const [material, setMaterial] = useState<Awaited<ReturnType<typeof retrieveKeyMaterial>> | null>(null);
  const [saved, setSaved] = useState(false);

  async function reveal() {
    setFailure(null);
    try {
      setMaterial(await retrieveKeyMaterial(organization.id, project));
    } catch (error) {
      setFailure(keyFlowFailure(error));
    }
  }

  return (
    <div className="space-y-4">
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>The server deletes its copy of the key: it can no longer decrypt — no server-side reveal, no <code>decrypt=true</code> for API keys.</li>
        <li>People unlock the project with its passphrase in the browser; the CLI needs it as a key file.</li>
        <li className="font-semibold">If the passphrase is lost, the secrets are unrecoverable. Nobody, including DotEnv, can help.</li>
      </ul>
      {material ? (
        <div className="space-y-2">
          <p className="text-sm font-medium" id="custody-passphrase-label">
            The project&apos;s passphrase — shown once
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              aria-labelledby="custody-passphrase-label"
              data-testid="custody-passphrase"
              {...SENSITIVE}
              className={`${SENSITIVE_CLASS} min-w-0 flex-1 break-all rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm select-all dark:border-zinc-700 dark:bg-zinc-950`}
            >
              {material.passphrase}
            </code>
            <CopyButton value={material.passphrase} label="Copy passphrase" />
          </div>
          <label className="flex items-start gap-2 text-sm font-medium">
            <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} className="mt-0.5 accent-indigo-600" />
            I have saved the passphrase somewhere safe, and I understand it cannot be recovered.
          </label>
        </div>
      ) : null}
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        {material ? (
          <Button type="button" variant="danger" disabled={!saved || busy} onClick={() => void run(() => custodyToClient(organization.id, project, material))}>
            {busy ? "Switching…" : "Switch to client-managed"}
          </Button>
        ) : (
          <Button type="button" onClick={() => void reveal()}>
            Show the passphrase
          </Button>
        )}
      </DialogActions>
    </div>
  );
}

function ToServer({ project, activeVersion, onClose, onSwitched }: Props) {
  const organization = useOrganization();
  const id = useId();
  const { busy, failure, run } = useSwitch(onSwitched);
  const [passphrase, setPassphrase] = useState("");

  return (
    <form
      aria-label="Switch to server-managed"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => custodyToServer(organization.id, project, passphrase, activeVersion).finally(() => setPassphrase("")));
      }}
    >
      <ul className="list-disc space-y-1 pl-5 text-sm">
        <li>The passphrase is sent to the server once and stored there, wrapped under its master key.</li>
        <li>The server can then decrypt values for people and API keys allowed to (the web editor reveals them; <code>decrypt=true</code> works).</li>
        <li>The project is no longer zero-knowledge; switch back at any time.</li>
      </ul>
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium">
          Project passphrase
        </label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          {...SENSITIVE}
          className={`${SENSITIVE_CLASS} block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900`}
        />
      </div>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={busy || passphrase.length === 0}>
          {busy ? "Switching…" : "Switch to server-managed"}
        </Button>
      </DialogActions>
    </form>
  );
}
