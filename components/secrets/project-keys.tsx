"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { unlockProjectKey, type UnlockedProjectKey } from "@/lib/client/project-key";

// Unlocked client-managed project keys, held in React state only: nothing in localStorage,
// sessionStorage, cookies or URLs. Mounted by the dashboard layout, so a key survives moving
// between a project's pages in this tab and is forgotten on lock, reload or closing the tab.

interface ProjectKeys {
  keys: ReadonlyMap<string, UnlockedProjectKey>;
  remember: (id: string, key: UnlockedProjectKey) => void;
  forget: (id: string) => void;
}

const ProjectKeysContext = createContext<ProjectKeys | null>(null);

export function ProjectKeysProvider({ children }: { children: ReactNode }) {
  const [keys, setKeys] = useState<ReadonlyMap<string, UnlockedProjectKey>>(new Map());
  const remember = useCallback((id: string, key: UnlockedProjectKey) => setKeys((all) => new Map(all).set(id, key)), []);
  const forget = useCallback(
    (id: string) =>
      setKeys((all) => {
        const next = new Map(all);
        next.delete(id);
        return next;
      }),
    [],
  );
  const value = useMemo(() => ({ keys, remember, forget }), [keys, remember, forget]);
  return <ProjectKeysContext.Provider value={value}>{children}</ProjectKeysContext.Provider>;
}

export interface ProjectKeyHandle {
  /** The unlocked key, or null while locked. */
  key: UnlockedProjectKey | null;
  /** Derives the key in the browser and checks it; throws WrongPassphraseError for a wrong one. */
  unlock: (passphrase: string) => Promise<void>;
  /** Keeps a key this tab derived itself (after a rotation here: the new key, so work goes on). */
  adopt: (key: UnlockedProjectKey) => void;
  lock: () => void;
}

/**
 * Keeps a key this tab already derived (a client-managed project it just created), so the new
 * project opens unlocked instead of asking for the passphrase typed a moment ago.
 */
export function useRememberProjectKey(): (project: string, key: UnlockedProjectKey) => void {
  const context = useContext(ProjectKeysContext);
  if (!context) throw new Error("useRememberProjectKey needs <ProjectKeysProvider> (app/dashboard/layout.tsx)");
  const organization = useOrganization();
  const { remember } = context;
  return useCallback((project: string, key: UnlockedProjectKey) => remember(`${organization.id}/${project}`, key), [organization.id, remember]);
}

export function useProjectKey(project: string): ProjectKeyHandle {
  const context = useContext(ProjectKeysContext);
  if (!context) throw new Error("useProjectKey needs <ProjectKeysProvider> (app/dashboard/layout.tsx)");
  const organization = useOrganization();
  const id = `${organization.id}/${project}`;
  const { keys, remember, forget } = context;
  const unlock = useCallback(
    async (passphrase: string) => remember(id, await unlockProjectKey(organization.id, project, passphrase)),
    [id, organization.id, project, remember],
  );
  const adopt = useCallback((key: UnlockedProjectKey) => remember(id, key), [id, remember]);
  const lock = useCallback(() => forget(id), [forget, id]);
  return { key: keys.get(id) ?? null, unlock, adopt, lock };
}
