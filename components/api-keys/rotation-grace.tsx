"use client";

import type { RotationGrace } from "@/lib/schemas/tokens";

// How long the old token keeps working after a rotation (the API's `grace`): none, or long enough
// to roll the new token out without downtime. The list and the key's page show until when.

const CHOICES: { value: RotationGrace; label: string; hint: string }[] = [
  { value: "none", label: "Stop the old token now", hint: "Safest when the token may have leaked." },
  { value: "1h", label: "Keep it working for 1 hour", hint: "Time to update one deployment." },
  { value: "24h", label: "Keep it working for 24 hours", hint: "Time to roll out everywhere." },
  { value: "7d", label: "Keep it working for 7 days", hint: "For slow release cycles." },
];

export function RotationGraceChoice({ value, onChange }: { value: RotationGrace; onChange: (value: RotationGrace) => void }) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="mb-1 text-sm font-medium">Grace period for the old token</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="flex items-start gap-2 text-sm">
          <input type="radio" name="rotation-grace" value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} className="mt-1 accent-indigo-600" />
          <span>
            {choice.label}
            <span className="block text-xs text-zinc-500">{choice.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
