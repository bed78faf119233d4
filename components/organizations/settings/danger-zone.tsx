"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { apiData, apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import type { DeletionImpact } from "@/lib/schemas/organization";
import { SettingsSection } from "./section";

// Deleting the organization (DELETE /api/v1/{organization}, organization:delete: the Owner). First
// the server answers what would go (a dry run), then the name must be typed exactly. Everything goes,
// the audit log included; the deletion is recorded in your other organizations and the server log.

const IMPACT_LABELS: [keyof DeletionImpact, string, string][] = [
  ["projects", "project", "projects"], ["targets", "target", "targets"], ["environments", "environment", "environments"],
  ["secret_levels", "level with secrets", "levels with secrets"], ["versions", "history version", "history versions"],
  ["members", "member", "members"], ["invitations", "pending invitation", "pending invitations"], ["teams", "team", "teams"],
  ["api_keys", "API key", "API keys"], ["audit_events", "audit event", "audit events"],
];

export function DangerZone({ name, canDelete }: { name: string; canDelete: boolean }) {
  const organization = useOrganization();
  const router = useRouter();
  const [impact, setImpact] = useState<DeletionImpact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function prepare() {
    setError(null);
    setLoading(true);
    try {
      setImpact((await apiData<{ will_delete: DeletionImpact }>(apiPath(organization.id), { method: "DELETE", query: { dry_run: true } })).will_delete);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  }

  async function remove() {
    try {
      await apiRequest(apiPath(organization.id), { method: "DELETE", body: { confirm: name } });
    } catch (failure) {
      throw new Error(errorMessage(failure));
    }
    // The layout then picks another organization (or offers to create one).
    router.replace("/dashboard");
    router.refresh();
  }

  return (
    <SettingsSection
      tone="danger"
      title="Delete this organization"
      description="Deletes every project, secret, version, key, member, team, invitation, API key and the whole audit log of this organization. It cannot be undone."
    >
      {canDelete ? (
        <Button variant="danger" onClick={prepare} disabled={loading}>
          {loading ? "Counting what would be lost…" : "Delete organization…"}
        </Button>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Only an Owner can delete the organization.</p>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TypedConfirmDialog
        open={impact !== null}
        onClose={() => setImpact(null)}
        title={`Delete ${name}?`}
        description="This cannot be undone. API keys stop working at once; members lose access on their next request."
        phrase={name}
        actionLabel="Delete this organization"
        onConfirm={remove}
      >
        {impact ? (
          <div className="space-y-2 text-sm">
            <p className="font-medium">What will be lost:</p>
            <ul className="list-disc space-y-0.5 pl-5" data-testid="deletion-impact">
              {IMPACT_LABELS.filter(([key]) => impact[key] > 0).map(([key, one, many]) => (
                <li key={key}>
                  {impact[key].toLocaleString()} {impact[key] === 1 ? one : many}
                </li>
              ))}
            </ul>
            <p className="text-zinc-600 dark:text-zinc-400">The deletion itself is recorded in the audit logs of your other organizations and in the server log.</p>
          </div>
        ) : null}
      </TypedConfirmDialog>
    </SettingsSection>
  );
}
