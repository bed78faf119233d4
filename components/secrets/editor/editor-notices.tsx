"use client";

import { useState } from "react";
import { UnlockDialog } from "@/components/secrets/unlock";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { LevelPath } from "@/lib/client/levels";
import type { EditorPermissions } from "./level-data";

// What the user should know before editing: the project is locked, values are write-only or the
// level is read-only for them, or someone saved a newer version under their draft.

interface EditorNoticesProps {
  path: LevelPath;
  projectName: string;
  custody: "server" | "client";
  permissions: EditorPermissions;
  /** Client-managed and not unlocked in this tab. */
  locked: boolean;
  /** A version someone else saved while this user has unsaved edits. */
  newerVersion: number | null;
}

export function EditorNotices({ path, projectName, custody, permissions, locked, newerVersion }: EditorNoticesProps) {
  return (
    <>
      {locked ? <LockedNotice path={path} projectName={projectName} /> : null}
      {custody === "server" && permissions.write && !permissions.decrypt ? (
        <Alert>You can add secrets and set new values here, but not view stored values (revealing needs the secret:decrypt permission).</Alert>
      ) : null}
      {!permissions.write ? <Alert>You have read-only access to this level: names are shown, and you cannot change them.</Alert> : null}
      {newerVersion !== null ? (
        <Alert>Someone saved version {newerVersion} while you were editing. Saving will show you both sides before anything is stored.</Alert>
      ) : null}
    </>
  );
}

function LockedNotice({ path, projectName }: { path: LevelPath; projectName: string }) {
  const [unlockOpen, setUnlockOpen] = useState(false);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-200">
      <span>Values are encrypted with this project&apos;s passphrase. Unlock to view and edit values.</span>
      <Button onClick={() => setUnlockOpen(true)}>Unlock to view and edit values</Button>
      <UnlockDialog project={path.project} projectName={projectName} open={unlockOpen} onClose={() => setUnlockOpen(false)} />
    </div>
  );
}
