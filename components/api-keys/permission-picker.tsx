"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  allowedScopeKinds, describePermission, groupAccessOf, groupAccessPermissions, groupReadPermissions, isScopeable, PERMISSION_GROUPS,
  type GroupAccess, type Permission, type PermissionGroup,
} from "@/lib/authz";
import { scopeLabel } from "./describe";
import { PresetBar } from "./preset-bar";
import { draftToScope, EMPTY_SCOPE, ScopeSelect, type ScopeDraft, type SlugScope } from "./scope-select";
import type { FormGrant } from "./types";

// Permissions like fine-grained tokens: per group None / Read / Write, the single permissions and
// their scopes under "Customise" (several scopes allowed; `*:create` and organization-wide ones
// never), presets (read-only, CI pull, allow all) and one scope for everything chosen. The API
// decides; permissions the signed-in user's role lacks are shown but cannot be chosen, since a key
// can never exceed its creator.

export type { FormGrant };

const ALL_KINDS = ["team", "project", "target", "environment"] as const;
const sameScope = (a?: SlugScope, b?: SlugScope) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function PermissionPicker({ value, onChange, held }: { value: FormGrant[]; onChange: (next: FormGrant[]) => void; held: readonly Permission[] }) {
  const holds = (permission: Permission) => held.includes(permission);
  const selected = new Set(value.map((grant) => grant.permission));

  const setPermission = (permission: Permission, on: boolean) =>
    onChange(on ? (selected.has(permission) ? value : [...value, { permission }]) : value.filter((grant) => grant.permission !== permission));
  const setGroupAccess = (group: PermissionGroup, access: GroupAccess) => {
    const wanted = groupAccessPermissions(group, access).filter(holds);
    const rest = value.filter((grant) => !group.permissions.includes(grant.permission));
    // Permissions that stay keep their scopes; new ones start unscoped.
    const kept = value.filter((grant) => wanted.includes(grant.permission));
    const added = wanted.filter((permission) => !selected.has(permission)).map((permission) => ({ permission }));
    onChange([...rest, ...kept, ...added]);
  };

  return (
    <div className="space-y-4">
      <PresetBar value={value} onChange={onChange} holds={holds} />
      <BulkScope value={value} onChange={onChange} />
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Permission groups">
        {PERMISSION_GROUPS.map((group) => (
          <GroupAccessRow key={group.id} group={group} value={value} onChange={onChange} holds={holds} setGroupAccess={setGroupAccess} setPermission={setPermission} />
        ))}
      </ul>
    </div>
  );
}

/** "Limit every chosen permission to one scope": each is scoped as deep as it can go. */
function BulkScope({ value, onChange }: { value: FormGrant[]; onChange: (next: FormGrant[]) => void }) {
  const [bulk, setBulk] = useState<ScopeDraft>(EMPTY_SCOPE);
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
    <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <summary className="cursor-pointer text-sm font-medium">Limit every chosen permission to one scope</summary>
      <p className="my-2 text-xs text-zinc-600 dark:text-zinc-400">
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
    </details>
  );
}

const ACCESS_LABELS: Record<GroupAccess, string> = { none: "None", read: "Read", write: "Write" };

/** One group: None / Read / Write like fine-grained tokens, and its single permissions under "Customise". */
function GroupAccessRow({
  group, value, onChange, holds, setGroupAccess, setPermission,
}: {
  group: PermissionGroup;
  value: FormGrant[];
  onChange: (next: FormGrant[]) => void;
  holds: (permission: Permission) => boolean;
  setGroupAccess: (group: PermissionGroup, access: GroupAccess) => void;
  setPermission: (permission: Permission, on: boolean) => void;
}) {
  const chosen = new Set(value.map((grant) => grant.permission));
  const current = groupAccessOf(group, chosen, holds);
  const count = group.permissions.filter((permission) => chosen.has(permission)).length;
  const options = (["none", "read", "write"] as const).filter(
    (access) => access === "none" || (groupAccessPermissions(group, access).some(holds) && (access === "write" || groupReadPermissions(group).length > 0)),
  );
  const scoped = value.some((grant) => group.permissions.includes(grant.permission) && grant.scope);
  return (
    <li className="space-y-2 px-3 py-2.5" data-testid="permission-group" data-group={group.id} data-access={current}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <span className="min-w-[8rem] flex-1 text-sm font-semibold" id={`group-${group.id}`}>
          {group.label}
          <span className="ml-2 text-xs font-normal text-zinc-500">
            {count} of {group.permissions.length}{current === "custom" ? " · custom" : ""}{scoped ? " · scoped" : ""}
          </span>
        </span>
        <div role="radiogroup" aria-labelledby={`group-${group.id}`} className="inline-flex overflow-hidden rounded-md border border-zinc-300 text-sm dark:border-zinc-700">
          {options.map((access) => (
            <label
              key={access}
              className={`cursor-pointer px-3 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                current === access ? "bg-indigo-600 text-white" : "bg-white hover:bg-zinc-50 dark:bg-zinc-900 dark:hover:bg-zinc-800"
              }`}
            >
              <input type="radio" name={`access-${group.id}`} value={access} checked={current === access} onChange={() => setGroupAccess(group, access)} className="sr-only" />
              {ACCESS_LABELS[access]}
            </label>
          ))}
        </div>
      </div>
      <details open={current === "custom" || undefined}>
        <summary className="cursor-pointer text-xs text-indigo-700 dark:text-indigo-300">Customise {group.label.toLowerCase()} permissions and scopes</summary>
        <ul className="mt-2 divide-y divide-zinc-100 rounded-md border border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
          {group.permissions.map((permission) => (
            <PermissionRow key={permission} permission={permission} value={value} onChange={onChange} held={holds(permission)} setPermission={setPermission} />
          ))}
        </ul>
      </details>
    </li>
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
