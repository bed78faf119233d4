"use client";

import { useId, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/client/api";
import { updateCadence } from "@/lib/client/key-lifecycle";
import { ROTATION_CADENCES, type RotationStatus } from "@/lib/schemas/keys";

// The rotation cadence: a reminder (the overdue badge on the project list and overview), never a
// lock. Saved as soon as it is chosen; only people who may rotate the key may change it.

export function CadenceControl({ project, rotation, canChange, onChanged }: { project: string; rotation: RotationStatus; canChange: boolean; onChanged: () => void }) {
  const organization = useOrganization();
  const toast = useToast();
  const id = useId();
  const [saving, setSaving] = useState(false);

  async function change(value: string) {
    setSaving(true);
    try {
      const days = value === "off" ? null : Number(value);
      await updateCadence(organization.id, project, days);
      toast.success(days ? `Rotation cadence set to every ${days} days.` : "Rotation cadence turned off.");
      onChanged();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        Rotation cadence
      </label>
      <select
        id={id}
        value={rotation.cadence_days ? String(rotation.cadence_days) : "off"}
        disabled={!canChange || saving}
        onChange={(event) => void change(event.target.value)}
        className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="off">Off</option>
        {ROTATION_CADENCES.map((days) => (
          <option key={days} value={days}>
            Every {days} days
          </option>
        ))}
      </select>
      <p className="text-xs text-zinc-500">
        {rotation.due_at
          ? `${rotation.overdue ? "Overdue since" : "Next rotation due"} ${new Date(rotation.due_at).toDateString()}.`
          : "No reminder: rotate whenever you need to."}
      </p>
    </div>
  );
}
