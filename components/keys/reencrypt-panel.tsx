"use client";

import { useId, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { SENSITIVE, SENSITIVE_CLASS } from "@/components/projects/sensitive";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { reencryptBatchOnServer, reencryptInBrowser, reencryptProgress, type ProjectKeysState } from "@/lib/client/key-lifecycle";
import { CurrentKeyField, useCurrentKey } from "./current-key";
import { keyFlowFailure } from "./failure";

// Re-encrypting history with a progress bar: versions under the active key / all stored versions.
// The count lives on the server, so a reload (or another tab, or the CLI) shows where it stands
// and "Continue" picks up from there. Client-managed: the older key's passphrase opens each
// version here and the active key seals it; neither passphrase is sent.

interface Props {
  project: string;
  state: ProjectKeysState;
  canRun: boolean;
  canReadHistory: boolean;
  onProgress: () => void;
}

export function ReencryptPanel({ project, state, canRun, canReadHistory, onProgress }: Props) {
  const organization = useOrganization();
  const toast = useToast();
  const id = useId();
  const base = reencryptProgress(state);
  const [extra, setExtra] = useState(0);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [oldPassphrase, setOldPassphrase] = useState("");
  const current = useCurrentKey(project, state.meta.active_version);
  const done = Math.min(base.done + extra, base.total);
  const stale = state.meta.stale_versions - extra;
  const client = state.meta.custody === "client";
  const older = state.versions.filter((version) => version.state === "rotated" && version.secret_versions > 0);

  async function run() {
    setRunning(true);
    setFailure(null);
    try {
      if (!client) {
        for (let cursor: string | null = null; ; ) {
          const batch = await reencryptBatchOnServer(organization.id, project, cursor);
          setExtra((count) => count + batch.re_encrypted);
          if (batch.done) break;
          cursor = batch.next_cursor;
        }
      } else {
        const active = await current.resolve();
        const unopened = await reencryptInBrowser(organization.id, project, active, older, oldPassphrase, (count) => setExtra((sum) => sum + count));
        setOldPassphrase("");
        if (unopened.length > 0) throw new Error(`That passphrase does not open key version ${unopened.join(", ")}; enter that version's passphrase to continue.`);
      }
      toast.success(`Every version of ${project} is now under key version ${state.meta.active_version}.`);
    } catch (error) {
      setFailure(keyFlowFailure(error));
    } finally {
      setRunning(false);
      setExtra(0);
      onProgress();
    }
  }

  return (
    <div className="space-y-3">
      <div>
        <div className="flex items-baseline justify-between text-sm">
          <label htmlFor={`${id}-progress`} className="font-medium">
            Versions under the active key
          </label>
          <span data-testid="reencrypt-count">
            {done} / {base.total} versions
          </span>
        </div>
        <progress id={`${id}-progress`} value={done} max={Math.max(base.total, 1)} className="mt-1 h-2 w-full accent-indigo-600" aria-valuetext={`${done} of ${base.total} versions`} />
      </div>
      {stale <= 0 && !running ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Every stored version is encrypted under key version {state.meta.active_version}: older keys protect nothing any more.</p>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {stale} version(s) are still encrypted under older keys and readable with them. Re-encrypt them to retire an exposed key completely. It runs in batches;
            if it is interrupted, continue later from where it stopped.
          </p>
          {client && canRun && canReadHistory ? (
            <div className="grid gap-3 md:grid-cols-2">
              <CurrentKeyField current={current} label="Passphrase of the active key" />
              <div className="space-y-1.5">
                <label htmlFor={`${id}-old`} className="block text-sm font-medium">
                  Passphrase of the older key (v{older.map((version) => version.version).join(", v")})
                </label>
                <input
                  id={`${id}-old`}
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={oldPassphrase}
                  onChange={(event) => setOldPassphrase(event.target.value)}
                  {...SENSITIVE}
                  className={`${SENSITIVE_CLASS} block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900`}
                />
              </div>
            </div>
          ) : null}
          {client && canRun && !canReadHistory ? <Alert>Re-encrypting a client-managed project reads its history here: it needs the secret:history permission.</Alert> : null}
          {failure ? <Alert tone="error">{failure}</Alert> : null}
          {canRun ? (
            <Button type="button" onClick={() => void run()} disabled={running || (client && (!canReadHistory || !current.ready || oldPassphrase.length === 0))}>
              {running ? "Re-encrypting…" : "Re-encrypt history"}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
