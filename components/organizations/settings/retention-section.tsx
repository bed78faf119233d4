"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, errorMessage } from "@/lib/client/api";
import { historyRetentionSchema, RETENTION_DAYS, RETENTION_VERSIONS, type HistoryRetention, type OrganizationView } from "@/lib/schemas/organization";
import { SettingsSection } from "./section";

// History retention (docs/hierarchy.md#versions-and-history): keep the newest N versions of each
// level and/or versions younger than N days. Applied at each level's next save; the current version
// always stays; every change is audited.

export function RetentionSection({ retention, canUpdate }: { retention: HistoryRetention | null; canUpdate: boolean }) {
  const organization = useOrganization();
  const router = useRouter();
  const toast = useToast();
  const [byCount, setByCount] = useState(retention?.versions !== undefined);
  const [versions, setVersions] = useState(String(retention?.versions ?? 100));
  const [byAge, setByAge] = useState(retention?.days !== undefined);
  const [days, setDays] = useState(String(retention?.days ?? 365));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const wanted = { ...(byCount ? { versions: Number(versions) } : {}), ...(byAge ? { days: Number(days) } : {}) };
    const parsed = historyRetentionSchema.safeParse(wanted);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the numbers.");
    setSaving(true);
    try {
      const body = { history_retention: byCount || byAge ? parsed.data : null };
      await apiData<OrganizationView>(apiPath(organization.id), { method: "PATCH", body });
      toast.success(body.history_retention ? "Saved the history retention. It applies at each level's next save." : "Every version is kept from now on.");
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <SettingsSection
      title="History retention"
      description="How many earlier versions of each level's secrets are kept. Versions beyond a limit are removed when that level is next saved; the current version always stays, and each removal is recorded in the audit log."
    >
      <form onSubmit={save} aria-label="History retention" className="space-y-3">
        <fieldset disabled={!canUpdate || saving} className="space-y-3">
          <Limit
            checked={byCount} onCheck={setByCount} label="Keep at most" unit="versions per level" value={versions} onValue={setVersions}
            min={RETENTION_VERSIONS.min} max={RETENTION_VERSIONS.max}
          />
          <Limit checked={byAge} onCheck={setByAge} label="Remove versions older than" unit="days" value={days} onValue={setDays} min={RETENTION_DAYS.min} max={RETENTION_DAYS.max} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {byCount || byAge
              ? `A version goes once it is ${[byCount ? `beyond the newest ${versions}` : "", byAge ? `older than ${days} days` : ""].filter(Boolean).join(" or ")}.`
              : "Every version is kept."}
          </p>
        </fieldset>
        {canUpdate ? (
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save retention"}
          </Button>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Changing it needs the organization:update permission.</p>
        )}
        {error ? <Alert tone="error">{error}</Alert> : null}
      </form>
    </SettingsSection>
  );
}

function Limit({ checked, onCheck, label, unit, value, onValue, min, max }: {
  checked: boolean; onCheck: (checked: boolean) => void; label: string; unit: string; value: string; onValue: (value: string) => void; min: number; max: number;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={checked} onChange={(event) => onCheck(event.target.checked)} />
        {label}
      </label>
      <input
        type="number" inputMode="numeric" min={min} max={max} step={1} value={value} disabled={!checked} onChange={(event) => onValue(event.target.value)}
        aria-label={`${label} (${unit}, ${min}–${max})`}
        className="w-24 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <span>{unit}</span>
    </div>
  );
}
