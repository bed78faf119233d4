"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  ALLOW_ALL, allowedScopeKinds, describePermission, isScopeable, PERMISSION_GROUPS, READ_ONLY_PRESET, type Permission, type PermissionGroup,
} from "@/lib/authz";
import { isAllowAllGrants, scopeLabel } from "./describe";
import { draftToScope, EMPTY_SCOPE, ScopeSelect, type ScopeDraft, type SlugScope } from "./scope-select";

// Permission groups with a toggle per group and per permission, "allow all", the read-only preset,
// and scopes per permission (several allowed; `*:create` and organization-wide ones never). The
// API decides; permissions the signed-in user's role lacks are shown but cannot be chosen, since a
// key can never exceed its creator.

export interface FormGrant {
  permission: Permission;
  scope?: SlugScope;
}

const ALL_KINDS = ["team", "project", "target", "environment"] as const;
const sameScope = (a?: SlugScope, b?: SlugScope) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function PermissionPicker({ value, onChange, held }: { value: FormGrant[]; onChange: (next: FormGrant[]) => void; held: readonly Permission[] }) {
  const [bulk, setBulk] = useState<ScopeDraft>(EMPTY_SCOPE);
  const holds = (permission: Permission) => held.includes(permission);
  const selected = new Set(value.map((grant) => grant.permission));
  const allowAll = isAllowAllGrants(value);

  const setPermission = (permission: Permission, on: boolean) =>
    onChange(on ? (selected.has(permission) ? value : [...value, { permission }]) : value.filter((grant) => grant.permission !== permission));
  const setGroup = (group: PermissionGroup, on: boolean) => {
    const rest = value.filter((grant) => !group.permissions.includes(grant.permission));
    const kept = value.filter((grant) => group.permissions.includes(grant.permission));
    const added = group.permissions.filter((permission) => holds(permission) && !selected.has(permission)).map((permission) => ({ permission }));
    onChange(on ? [...rest, ...kept, ...added] : rest);
  };
  const applyBulk = () => {
    onChange(
      value.map((grant) => {
        if (!isScopeable(grant.permission)) return grant;
        const scope = draftToScope(bulk, allowedScopeKinds(grant.permission));
        return scope ? { permission: grant.permission, scope } : grant;
      }).filter((grant, index, all) => all.findIndex((other) => other.permission === grant.permission && sameScope(other.scope, grant.scope)) === index),
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={() => onChange(READ_ONLY_PRESET.filter(holds).map((permission) => ({ permission })))}>
          Use the read-only preset
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

      <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <p className="text-sm font-medium">Limit every chosen permission to one scope</p>
        <p className="mb-2 text-xs text-zinc-600 dark:text-zinc-400">
          Each permission is scoped as deep as it can go: choosing an environment scopes secrets to it, targets to its target and projects to its project.
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <ScopeSelect value={bulk} onChange={setBulk} kinds={ALL_KINDS} label="Scope for every chosen permission" />
          </div>
          <Button type="button" variant="secondary" onClick={applyBulk} disabled={!draftToScope(bulk, ALL_KINDS) || value.length === 0}>
            Apply scope to chosen permissions
          </Button>
        </div>
      </div>

      {PERMISSION_GROUPS.map((group) => (
        <PermissionGroupBox key={group.id} group={group} value={value} onChange={onChange} holds={holds} setGroup={setGroup} setPermission={setPermission} />
      ))}
    </div>
  );
}

function PermissionGroupBox({
  group, value, onChange, holds, setGroup, setPermission,
}: {
  group: PermissionGroup;
  value: FormGrant[];
  onChange: (next: FormGrant[]) => void;
  holds: (permission: Permission) => boolean;
  setGroup: (group: PermissionGroup, on: boolean) => void;
  setPermission: (permission: Permission, on: boolean) => void;
}) {
  const chosen = group.permissions.filter((permission) => value.some((grant) => grant.permission === permission));
  const all = chosen.length > 0 && group.permissions.filter(holds).every((permission) => chosen.includes(permission));
  const toggle = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (toggle.current) toggle.current.indeterminate = chosen.length > 0 && !all;
  }, [chosen.length, all]);
  return (
    <fieldset className="rounded-md border border-zinc-200 dark:border-zinc-800">
      <legend className="sr-only">{group.label}</legend>
      <label className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-sm font-semibold dark:border-zinc-800 dark:bg-zinc-900">
        <input ref={toggle} type="checkbox" checked={all} onChange={(event) => setGroup(group, event.target.checked)} className="size-4 accent-indigo-600" aria-label={`All ${group.label} permissions`} />
        {group.label}
        <span className="ml-auto text-xs font-normal text-zinc-500">{chosen.length} of {group.permissions.length} chosen</span>
      </label>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {group.permissions.map((permission) => (
          <PermissionRow key={permission} permission={permission} value={value} onChange={onChange} held={holds(permission)} setPermission={setPermission} />
        ))}
      </ul>
    </fieldset>
  );
}

function PermissionRow({
  permission, value, onChange, held, setPermission,
}: {
  permission: Permission;
  value: FormGrant[];
  onChange: (next: FormGrant[]) => void;
  held: boolean;
  setPermission: (permission: Permission, on: boolean) => void;
}) {
  const [adding, setAdding] = useState<ScopeDraft | null>(null);
  const grants = value.filter((grant) => grant.permission === permission);
  const checked = grants.length > 0;
  const kinds = allowedScopeKinds(permission);
  const pending = adding ? draftToScope(adding, kinds) : null;

  const addScope = () => {
    if (!pending) return;
    // A scope replaces "whole organization": keeping both would make the scope meaningless.
    const others = value.filter((grant) => !(grant.permission === permission && (!grant.scope || sameScope(grant.scope, pending))));
    onChange([...others, { permission, scope: pending }]);
    setAdding(null);
  };
  const removeScope = (scope: SlugScope) => onChange(value.filter((grant) => !(grant.permission === permission && sameScope(grant.scope, scope))));

  return (
    <li className="space-y-2 px-3 py-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label className={`flex items-center gap-2 text-sm ${held ? "" : "opacity-60"}`}>
          <input type="checkbox" checked={checked} disabled={!held && !checked} onChange={(event) => setPermission(permission, event.target.checked)} className="size-4 accent-indigo-600" />
          <span>{describePermission(permission)}</span>
          <code className="font-mono text-xs text-zinc-500">{permission}</code>
        </label>
        {!held ? <span className="text-xs text-zinc-500">Your role does not include this.</span> : null}
        {checked ? (
          <div className="flex flex-wrap items-center gap-1.5 sm:ml-auto">
            {grants.map((grant) =>
              grant.scope ? (
                <span key={scopeLabel(grant.scope)} className="inline-flex items-center gap-1 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200">
                  {scopeLabel(grant.scope)}
                  <button type="button" onClick={() => removeScope(grant.scope!)} aria-label={`Remove scope ${scopeLabel(grant.scope)} from ${permission}`} className="px-0.5 hover:text-red-600">
                    ×
                  </button>
                </span>
              ) : (
                <span key="org" className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
                  {isScopeable(permission) ? "Whole organization" : permission.endsWith(":create") ? "Not scopeable (creates)" : "Organization-wide"}
                </span>
              ),
            )}
            {kinds.length > 0 && !adding ? (
              <button type="button" className="text-xs text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => setAdding({ ...EMPTY_SCOPE, kind: kinds.includes("project") ? "project" : "team" })} aria-label={`Add a scope to ${permission}`}>
                + Scope
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {checked && adding ? (
        <div className="flex flex-wrap items-end gap-2 rounded-md bg-zinc-50 p-2 dark:bg-zinc-900">
          <div className="min-w-0 flex-1">
            <ScopeSelect value={adding} onChange={setAdding} kinds={kinds} label={`Scope for ${permission}`} />
          </div>
          <Button type="button" variant="secondary" onClick={addScope} disabled={!pending}>Add scope</Button>
          <Button type="button" variant="ghost" onClick={() => setAdding(null)}>Cancel</Button>
        </div>
      ) : null}
    </li>
  );
}
