"use client";

import { useId, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useProjectKey } from "@/components/secrets/project-keys";
import { SENSITIVE, SENSITIVE_CLASS } from "@/components/projects/sensitive";
import { unlockProjectKey, type UnlockedProjectKey } from "@/lib/client/project-key";

// The current key of a client-managed project, for the keys page's flows: the key unlocked in
// this tab when it is the active one, else the passphrase typed here (derived in the browser and
// checked with a proof before anything is written; never sent).

export function useCurrentKey(project: string, activeVersion: number) {
  const organization = useOrganization();
  const { key } = useProjectKey(project);
  const [passphrase, setPassphrase] = useState("");
  const unlocked = key && key.version === activeVersion ? key : null;
  return {
    unlocked,
    passphrase,
    setPassphrase,
    ready: unlocked !== null || passphrase.length > 0,
    /** The active key: unlocked already, or derived from the typed passphrase (WrongPassphraseError if it is not). */
    resolve: async (): Promise<UnlockedProjectKey> => unlocked ?? (await unlockProjectKey(organization.id, project, passphrase)),
    forget: () => setPassphrase(""),
  };
}

export type CurrentKey = ReturnType<typeof useCurrentKey>;

export function CurrentKeyField({ current, label = "Current passphrase" }: { current: CurrentKey; label?: string }) {
  const id = useId();
  if (current.unlocked) {
    return <p className="text-sm text-emerald-700 dark:text-emerald-400">Using the key unlocked in this tab (version {current.unlocked.version}).</p>;
  }
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={current.passphrase}
        onChange={(event) => current.setPassphrase(event.target.value)}
        {...SENSITIVE}
        className={`${SENSITIVE_CLASS} block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900`}
      />
    </div>
  );
}
