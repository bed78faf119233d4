"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { CustodyBadge } from "@/components/projects/custody-badge";
import { ProjectBreadcrumbs } from "@/components/projects/breadcrumbs";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fetchKeys, type ProjectKeysState } from "@/lib/client/key-lifecycle";
import { exactTime, relativeTime } from "@/lib/client/relative-time";
import { CadenceControl } from "./cadence-control";
import { CustodyDialog } from "./custody-dialog";
import { KeyVersionsTable } from "./key-versions-table";
import { ReencryptPanel } from "./reencrypt-panel";
import { RotateDialog } from "./rotate-dialog";
import { RotationOverdueBadge } from "./rotation-badge";

// The keys page of a project (docs/dashboard.md#keys): custody, the active key and its age, the
// rotation cadence, rotating, switching custody, re-encrypting history, and every key version.
// Controls appear only where the server said the person may use them; the API decides again.

export interface KeysPermissions {
  rotate: boolean;
  history: boolean;
}

const SECTION = "space-y-3 p-5";

export function KeysManager({ project, initial, can }: { project: { slug: string; name: string }; initial: ProjectKeysState; can: KeysPermissions }) {
  const organization = useOrganization();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ["keys", organization.id, project.slug], queryFn: () => fetchKeys(organization.id, project.slug), initialData: initial, staleTime: 0 });
  const state = query.data;
  const [dialog, setDialog] = useState<"rotate" | "custody" | null>(null);
  const active = state.versions.find((version) => version.state === "active")!;
  const { meta } = state;
  const now = new Date();

  const refresh = () => {
    setDialog(null);
    // This page, and every cached view of secrets: they now read other key versions (maybe another custody).
    void queryClient.invalidateQueries();
    router.refresh();
  };

  return (
    <div className="space-y-6">
      <ProjectBreadcrumbs project={project} current="Keys" />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Encryption keys</h1>
        <CustodyBadge custody={meta.custody} />
        {meta.rotation.overdue ? <RotationOverdueBadge dueAt={meta.rotation.due_at} /> : null}
      </div>

      <div className="grid gap-4 md:grid-cols-3">
        <Card className={SECTION}>
          <h2 className="text-sm font-semibold text-zinc-500">Active key</h2>
          <p className="text-2xl font-semibold" data-testid="active-key-version">
            Version {meta.active_version}
          </p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Created{" "}
            <time dateTime={active.created_at} title={exactTime(active.created_at)}>
              {relativeTime(active.created_at, now)}
            </time>
            {active.created_by ? ` by ${active.created_by.label}` : ""}.
          </p>
        </Card>
        <Card className={SECTION}>
          <CadenceControl project={project.slug} rotation={meta.rotation} canChange={can.rotate} onChanged={refresh} />
        </Card>
        <Card className={SECTION}>
          <h2 className="text-sm font-semibold text-zinc-500">Custody</h2>
          <p className="text-sm">
            {meta.custody === "server"
              ? "The server holds the key (wrapped under its master key) and decrypts for people and API keys allowed to."
              : "Only people with the passphrase can decrypt, in their browser or the CLI. The server cannot."}
          </p>
          {can.rotate ? (
            <Button variant="secondary" onClick={() => setDialog("custody")}>
              {meta.custody === "server" ? "Switch to client-managed…" : "Switch to server-managed…"}
            </Button>
          ) : null}
        </Card>
      </div>

      <Card className={SECTION}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 className="text-lg font-semibold">Rotate the key</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              A new key version protects every level&apos;s current values from now on.{" "}
              {meta.custody === "server" ? "The server re-encrypts them." : "Your browser re-encrypts them with a new passphrase, which never leaves this page."}
            </p>
          </div>
          {can.rotate ? <Button onClick={() => setDialog("rotate")}>Rotate key…</Button> : null}
        </div>
      </Card>

      <Card className={SECTION}>
        <h2 className="text-lg font-semibold">Re-encrypt history</h2>
        <ReencryptPanel key={meta.active_version} project={project.slug} state={state} canRun={can.rotate} canReadHistory={can.history} onProgress={refresh} />
      </Card>

      <section aria-labelledby="key-versions-heading" className="space-y-3">
        <h2 id="key-versions-heading" className="text-lg font-semibold">
          Key versions
        </h2>
        <KeyVersionsTable versions={state.versions} now={now} />
      </section>

      <RotateDialog project={project.slug} custody={meta.custody} activeVersion={meta.active_version} open={dialog === "rotate"} onClose={() => setDialog(null)} onRotated={refresh} />
      <CustodyDialog
        project={project.slug}
        custody={meta.custody}
        activeVersion={meta.active_version}
        staleVersions={meta.stale_versions}
        open={dialog === "custody"}
        onClose={() => setDialog(null)}
        onSwitched={refresh}
      />
    </div>
  );
}
