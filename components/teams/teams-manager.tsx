"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, errorMessage } from "@/lib/client/api";
import { createTeamSchema } from "@/lib/schemas/teams";
import type { TeamView } from "./types";

type CreateInput = z.input<typeof createTeamSchema>;

/** "Platform Team" → "platform-team", as a suggestion the person can still edit. */
const slugFrom = (name: string) => name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);

export function TeamsManager({ canCreate, canRead }: { canCreate: boolean; canRead: boolean }) {
  const organization = useOrganization();
  const teams = useQuery({
    queryKey: ["teams", organization.id],
    enabled: canRead,
    queryFn: ({ signal }) => apiData<TeamView[]>(apiPath(organization.id, "teams"), { query: { limit: 100 }, signal }),
  });
  if (!canRead) return <Alert tone="error">Access restricted: your role cannot see this organization&apos;s teams.</Alert>;
  return (
    <div className="space-y-8">
      {canCreate ? (
        <Card className="p-5">
          <h2 className="mb-4 font-semibold">Create a team</h2>
          <CreateTeamForm />
        </Card>
      ) : null}
      <section aria-labelledby="teams-heading" className="space-y-3">
        <h2 id="teams-heading" className="text-lg font-semibold">All teams</h2>
        {teams.isPending ? (
          <p className="text-sm text-zinc-500" role="status">Loading teams…</p>
        ) : teams.isError ? (
          <Alert tone="error">Could not load teams: {errorMessage(teams.error)}</Alert>
        ) : teams.data.length === 0 ? (
          <EmptyState title="No teams yet">
            Teams group people and give them projects. Without teams, every member sees every project their role allows.
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" aria-label="Teams">
            {teams.data.map((team) => (
              <li key={team.id}>
                <Link
                  href={`/dashboard/organizations/teams/${team.slug}`}
                  className="block rounded-lg border border-zinc-200 bg-white p-4 shadow-sm hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
                >
                  <span className="font-medium">{team.name}</span> <code className="text-xs text-zinc-500">{team.slug}</code>
                  <span className="mt-1 block text-sm text-zinc-600 dark:text-zinc-400">
                    {team.members.length} {team.members.length === 1 ? "member" : "members"} · {team.projects.length}{" "}
                    {team.projects.length === 1 ? "project" : "projects"}
                    {team.projects.length ? `: ${team.projects.join(", ")}` : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function CreateTeamForm() {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const { register, handleSubmit, formState, setValue, getFieldState, setError } = useForm<CreateInput>({
    resolver: zodResolver(createTeamSchema),
    defaultValues: { name: "", slug: "" },
  });
  const create = useMutation({
    mutationFn: (values: CreateInput) => apiData<TeamView>(apiPath(organization.id, "teams"), { method: "POST", body: { slug: values.slug, name: values.name || undefined } }),
    onSuccess: (team) => {
      toast.success(`Team ${team.name} created.`);
      void queryClient.invalidateQueries({ queryKey: ["teams", organization.id] });
      router.push(`/dashboard/organizations/teams/${team.slug}`);
    },
    onError: (error) => setError("root", { message: errorMessage(error) }),
  });
  const name = register("name", {
    onChange: (event) => {
      if (!getFieldState("slug").isDirty) setValue("slug", slugFrom(event.target.value));
    },
  });
  return (
    <form onSubmit={handleSubmit((values) => create.mutate(values))} noValidate aria-label="Create a team" className="space-y-4">
      <div className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-start">
        <Field label="Team name" placeholder="Platform" {...name} error={formState.errors.name?.message} />
        <Field label="Slug" placeholder="platform" hint="Used in URLs and API keys' scopes." {...register("slug")} error={formState.errors.slug?.message} />
        <Button type="submit" disabled={create.isPending} className="md:mt-7">
          {create.isPending ? "Creating…" : "Create team"}
        </Button>
      </div>
      {formState.errors.root ? <Alert tone="error">{formState.errors.root.message}</Alert> : null}
    </form>
  );
}
