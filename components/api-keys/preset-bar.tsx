"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ALLOW_ALL, CI_PULL_PRESET, READ_ONLY_PRESET, type Permission } from "@/lib/authz";
import { isAllowAllGrants } from "./describe";
import type { FormGrant } from "./types";
import { draftToScope, EMPTY_SCOPE, ScopeSelect, type ScopeDraft } from "./scope-select";

// Starting points for a key: read-only, "CI pull" (read and decrypt one environment: what a
// pipeline pulling a server-managed project needs, per the CI guide), allow all, or nothing.

const ENVIRONMENT_KINDS = ["project", "target", "environment"] as const;

export function PresetBar({ value, onChange, holds }: { value: FormGrant[]; onChange: (next: FormGrant[]) => void; holds: (permission: Permission) => boolean }) {
  const [ciPull, setCiPull] = useState<ScopeDraft | null>(null);
  const allowAll = isAllowAllGrants(value);
  const environment = ciPull ? draftToScope(ciPull, ENVIRONMENT_KINDS) : null;
  const ciReady = environment !== null && "environment" in environment && environment.environment !== undefined;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={() => onChange(READ_ONLY_PRESET.filter(holds).map((permission) => ({ permission })))}>
          Read-only preset
        </Button>
        <Button type="button" variant="secondary" onClick={() => setCiPull(ciPull ? null : EMPTY_SCOPE)} aria-expanded={ciPull !== null} disabled={!CI_PULL_PRESET.every(holds)}>
          CI pull preset
        </Button>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={allowAll}
            onChange={(event) => onChange(event.target.checked ? ALLOW_ALL.filter(holds).map((permission) => ({ permission })) : [])}
            className="size-4 accent-indigo-600"
          />
          Allow all
        </label>
        <Button type="button" variant="ghost" onClick={() => onChange([])} disabled={value.length === 0}>
          Clear
        </Button>
      </div>
      {ciPull ? (
        <div className="space-y-2 rounded-md border border-indigo-200 bg-indigo-50/50 p-3 dark:border-indigo-900 dark:bg-indigo-950/30" data-testid="ci-pull-preset">
          <p className="text-sm">
            <strong>CI pull:</strong> <code className="font-mono text-xs">secret:read</code> and <code className="font-mono text-xs">secret:decrypt</code> on one
            environment — enough for <code className="font-mono text-xs">dotenv pull</code> in a pipeline, nothing else.
          </p>
          <div className="flex flex-wrap items-end gap-3">
            <div className="min-w-0 flex-1">
              <ScopeSelect value={ciPull} onChange={setCiPull} kinds={ENVIRONMENT_KINDS} label="Environment the pipeline pulls" />
            </div>
            <Button
              type="button"
              disabled={!ciReady}
              onClick={() => {
                onChange(CI_PULL_PRESET.map((permission) => ({ permission, scope: environment! })));
                setCiPull(null);
              }}
            >
              Use this environment
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
