"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { groupAccessOf, PERMISSION_GROUPS, type Permission } from "@/lib/authz";
import { ApiError, apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import { createTokenSchema, updateTokenSchema } from "@/lib/schemas/tokens";
import { expirySentence, isAllowAllGrants, permissionSummary, scopeSummary } from "./describe";
import { ExpiryField } from "./expiry-field";
import { KeyWarnings } from "./key-warnings";
import { apiKeysQueryKey } from "./api-key-list";
import { PermissionPicker, type FormGrant } from "./permission-picker";
import { TokenReveal } from "./token-reveal";
import type { ApiKey, IssuedKey } from "./types";

// Create and edit an API key. The same zod schemas as the API validate here (the API validates
// again); "a key can never exceed its creator" is the API's decision, shown with what exceeds.

interface FormValues {
  name: string;
  note: string;
  permissions: FormGrant[];
  expires: string | undefined;
}

const resolvers = {
  create: zodResolver(createTokenSchema, undefined, { raw: true }) as unknown as Resolver<FormValues>,
  edit: zodResolver(updateTokenSchema, undefined, { raw: true }) as unknown as Resolver<FormValues>,
};

function problemList(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((detail) => (detail && typeof detail.message === "string" ? [`${detail.permission ? `${detail.permission}: ` : ""}${detail.message}`] : []));
}

export function ApiKeyForm({ held, existing }: { held: readonly Permission[]; existing?: ApiKey }) {
  const organization = useOrganization();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const mode = existing ? "edit" : "create";
  // The token lives here only: never in the URL, storage or the query cache.
  const [issued, setIssued] = useState<IssuedKey | null>(null);

  const form = useForm<FormValues>({
    resolver: resolvers[mode],
    defaultValues: existing
      ? { name: existing.name, note: existing.note ?? "", permissions: existing.permissions.filter((grant) => !hasDeletedNode(grant)) as FormGrant[], expires: undefined }
      : { name: "", note: "", permissions: [], expires: "30d" },
  });
  const values = useWatch({ control: form.control }) as FormValues;

  const save = useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      existing
        ? (await apiRequest<ApiKey>(apiPath(organization.id, "tokens", existing.id), { method: "PATCH", body })).data
        : (await apiRequest<IssuedKey>(apiPath(organization.id, "tokens"), { method: "POST", body })).data,
    onSuccess: async (data) => {
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(organization.id) });
      if (existing) {
        toast.success("API key saved.");
        router.push(`/dashboard/organizations/api-keys/${existing.id}`);
        router.refresh();
      } else {
        setIssued(data as IssuedKey);
        toast.success("API key created. Copy its token now.");
      }
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  if (issued) return <TokenReveal issued={issued} />;

  const onSubmit = form.handleSubmit((raw) => {
    const body: Record<string, unknown> = { name: raw.name, note: raw.note || null, permissions: raw.permissions };
    if (raw.expires !== undefined) body.expires = raw.expires;
    save.mutate(body);
  });
  const errors = form.formState.errors;
  const permissionError = errors.permissions?.message ?? errors.permissions?.root?.message ??
    (Array.isArray(errors.permissions) ? errors.permissions.flatMap((item) => (item ? Object.values(item).map((e) => (e as { message?: string })?.message) : [])).find(Boolean) : undefined);
  const problems = problemList(save.error);

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem] lg:items-start">
      <div className="min-w-0 space-y-8">
      <section className="space-y-4" aria-labelledby="key-basics">
        <h2 id="key-basics" className="text-lg font-semibold">Key</h2>
        <Field label="Name" {...form.register("name")} error={errors.name?.message} placeholder="e.g. CI deploy (backend)" autoComplete="off" />
        <Field label="Note" {...form.register("note")} error={errors.note?.message} hint="Where will this key be stored? e.g. GitHub Actions secret DOTENV_API_KEY in acme/backend." autoComplete="off" />
        <Controller
          control={form.control}
          name="expires"
          render={({ field }) => (
            <ExpiryField value={field.value} onChange={field.onChange} error={errors.expires?.message} allowKeep={mode === "edit"} current={existing?.expires_at} />
          )}
        />
      </section>

      <section className="space-y-3" aria-labelledby="key-permissions">
        <div>
          <h2 id="key-permissions" className="text-lg font-semibold">Permissions and scopes</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Choose None, Read or Write per group, or start from a preset; customise single permissions and scopes inside a group. A key can never hold more than you do.
          </p>
        </div>
        {permissionError ? <Alert tone="error">{permissionError}</Alert> : null}
        <Controller control={form.control} name="permissions" render={({ field }) => <PermissionPicker value={field.value} onChange={field.onChange} held={held} />} />
      </section>

      </div>

      {/* Sticky beside the form on wide screens, so what the key will be is always in view. */}
      <aside className="min-w-0 space-y-3 rounded-lg border border-zinc-200 bg-white p-4 lg:sticky lg:top-4 dark:border-zinc-800 dark:bg-zinc-900" aria-labelledby="key-summary" data-testid="key-summary-panel">
        <h2 id="key-summary" className="font-semibold">Summary</h2>
        <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-y-1 text-sm break-words" data-testid="key-summary">
          <dt className="text-zinc-500">Name</dt>
          <dd>{values.name || "—"}</dd>
          <dt className="text-zinc-500">Permissions</dt>
          <dd>{values.permissions.length ? `${permissionSummary(values.permissions)}: ${[...new Set(values.permissions.map((grant) => grant.permission))].join(", ")}` : "None yet"}</dd>
          <dt className="text-zinc-500">Access</dt>
          <dd>{groupSummary(values.permissions)}</dd>
          <dt className="text-zinc-500">Scopes</dt>
          <dd>{values.permissions.length ? scopeSummary(values.permissions).join(", ") : "—"}</dd>
          <dt className="text-zinc-500">Expiry</dt>
          <dd>{values.expires === undefined ? "Unchanged" : expirySentence(values.expires)}</dd>
        </dl>
        <KeyWarnings neverExpires={values.expires === "never"} allowAll={values.permissions.length > 0 && isAllowAllGrants(values.permissions)} />

      {save.isError ? (
        <Alert tone="error">
          {errorMessage(save.error)}
          {problems.length ? <ul className="mt-1 list-disc pl-5">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul> : null}
        </Alert>
      ) : null}

      <div className="flex flex-wrap gap-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : existing ? "Save changes" : "Create API key"}
        </Button>
        <Link href={existing ? `/dashboard/organizations/api-keys/${existing.id}` : "/dashboard/organizations/api-keys"} className="inline-flex items-center rounded-md px-3.5 py-2 text-sm text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
          Cancel
        </Link>
      </div>
      </aside>
    </form>
  );
}

/** "Secrets: write · Projects: read", per group with anything chosen. */
function groupSummary(grants: readonly FormGrant[]): string {
  const chosen = new Set(grants.map((grant) => grant.permission));
  const parts = PERMISSION_GROUPS.flatMap((group) => {
    const access = groupAccessOf(group, chosen);
    return access === "none" ? [] : [`${group.label}: ${access}`];
  });
  return parts.length ? parts.join(" · ") : "—";
}

/** A stored grant whose scope node was deleted grants nothing; editing drops it rather than sending a null slug. */
function hasDeletedNode(grant: ApiKey["permissions"][number]): boolean {
  return grant.scope !== undefined && Object.values(grant.scope).some((part) => part === null);
}
