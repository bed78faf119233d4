"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useMembers } from "@/components/members/use-members";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import { displayNameSchema, slugSchema } from "@/lib/schemas/common";
import type { ProjectSummary, TeamView } from "./types";

interface TeamPermissions {
  update: boolean;
  remove: boolean;
  readMembers: boolean;
  readProjects: boolean;
}

const renameSchema = z.object({ name: displayNameSchema, slug: slugSchema });
type RenameInput = z.infer<typeof renameSchema>;

const selectClass = "block w-full rounded-md border border-zinc-300 bg-white px-2 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function TeamDetail({ initial, permissions }: { initial: TeamView; permissions: TeamPermissions }) {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [slug, setSlug] = useState(initial.slug);
  const queryKey = ["team", organization.id, slug];
  const team = useQuery({ queryKey, initialData: initial, queryFn: ({ signal }) => apiData<TeamView>(apiPath(organization.id, "teams", slug), { signal }) }).data;
  const members = useMembers(permissions.update && permissions.readMembers);
  const projects = useQuery({
    queryKey: ["projects", organization.id],
    enabled: permissions.update && permissions.readProjects,
    queryFn: ({ signal }) => apiData<ProjectSummary[]>(apiPath(organization.id, "projects"), { query: { limit: 100 }, signal }),
  });
  const [newMember, setNewMember] = useState("");
  const [newProject, setNewProject] = useState("");
  const [revokingProject, setRevokingProject] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const update = useMutation({
    mutationFn: (body: { name?: string; slug?: string; members?: string[]; projects?: string[] }) =>
      apiData<TeamView>(apiPath(organization.id, "teams", team.slug), { method: "PATCH", body }),
    onSuccess: (updated, _body) => {
      queryClient.setQueryData(["team", organization.id, updated.slug], updated);
      void queryClient.invalidateQueries({ queryKey: ["teams", organization.id] });
      void queryClient.invalidateQueries({ queryKey: ["members", organization.id] });
      if (updated.slug !== slug) {
        setSlug(updated.slug);
        router.replace(`/dashboard/organizations/teams/${updated.slug}`);
      }
    },
  });
  const change = (body: Parameters<typeof update.mutate>[0], message: string, after?: () => void) =>
    update.mutate(body, {
      onSuccess: () => {
        toast.success(message);
        after?.();
      },
      onError: (error) => toast.error(errorMessage(error)),
    });

  const remove = useMutation({
    mutationFn: () => apiRequest(apiPath(organization.id, "teams", team.slug), { method: "DELETE" }),
    onSuccess: () => {
      toast.success(`Team ${team.name} deleted.`);
      void queryClient.invalidateQueries({ queryKey: ["teams", organization.id] });
      router.push("/dashboard/organizations/teams");
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  const memberIds = team.members.map((member) => member.id);
  const candidates = (members.data ?? []).filter((member) => !memberIds.includes(member.user.id));
  const projectCandidates = (projects.data ?? []).filter((project) => !team.projects.includes(project.slug));

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{team.name}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Slug <code className="font-mono">{team.slug}</code> · {team.members.length} {team.members.length === 1 ? "member" : "members"}
          </p>
        </div>
        {permissions.remove ? (
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete team
          </Button>
        ) : null}
      </div>

      {permissions.update ? <RenameForm team={team} pending={update.isPending} onSubmit={(values) => change(values, `Team saved as ${values.name}.`)} /> : null}

      <Card className="p-5">
        <h2 className="mb-3 font-semibold">Members</h2>
        {team.members.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No one is in this team yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Team members">
            {team.members.map((member) => (
              <li key={member.id} data-testid="team-member" className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-medium">{member.name}</span> <span className="text-zinc-600 dark:text-zinc-400">{member.email}</span>
                </span>
                {permissions.update ? (
                  <Button
                    variant="ghost"
                    className="text-red-700 dark:text-red-400"
                    aria-label={`Remove ${member.email} from the team`}
                    disabled={update.isPending}
                    onClick={() => change({ members: memberIds.filter((id) => id !== member.id) }, `${member.email} left ${team.name}.`)}
                  >
                    Remove
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {permissions.update && permissions.readMembers ? (
          <form
            className="mt-4 flex flex-wrap items-end gap-2"
            aria-label="Add a member to the team"
            onSubmit={(event) => {
              event.preventDefault();
              const member = candidates.find((candidate) => candidate.user.id === newMember);
              if (member) change({ members: [...memberIds, member.user.id] }, `${member.user.email} joined ${team.name}.`, () => setNewMember(""));
            }}
          >
            <div className="min-w-64 flex-1 space-y-1.5">
              <label htmlFor="team-add-member" className="block text-sm font-medium">Add a member</label>
              <select id="team-add-member" className={selectClass} value={newMember} onChange={(event) => setNewMember(event.target.value)} disabled={members.isPending}>
                <option value="">{members.isPending ? "Loading members…" : candidates.length ? "Choose a member…" : "Everyone is already in this team"}</option>
                {candidates.map((member) => (
                  <option key={member.user.id} value={member.user.id}>
                    {member.user.name ? `${member.user.name} (${member.user.email})` : member.user.email}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary" disabled={!newMember || update.isPending}>Add member</Button>
          </form>
        ) : null}
      </Card>

      <Card className="p-5">
        <h2 className="mb-1 font-semibold">Project access</h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          A project given to any team is visible only to those teams&apos; members (for Developer, Member and API User); projects with no team are open
          to every member. Changing this needs permission to update the project.
        </p>
        {team.projects.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">This team has no projects.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Team projects">
            {team.projects.map((project) => (
              <li key={project} data-testid="team-project" className="flex items-center justify-between gap-2 py-2 text-sm">
                <code className="font-mono">{project}</code>
                {permissions.update ? (
                  <Button variant="ghost" className="text-red-700 dark:text-red-400" aria-label={`Revoke access to ${project}`} onClick={() => setRevokingProject(project)}>
                    Revoke
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {permissions.update && permissions.readProjects ? (
          <form
            className="mt-4 flex flex-wrap items-end gap-2"
            aria-label="Grant project access"
            onSubmit={(event) => {
              event.preventDefault();
              if (newProject) change({ projects: [...team.projects, newProject] }, `${team.name} now has access to ${newProject}.`, () => setNewProject(""));
            }}
          >
            <div className="min-w-64 flex-1 space-y-1.5">
              <label htmlFor="team-add-project" className="block text-sm font-medium">Grant access to a project</label>
              <select id="team-add-project" className={selectClass} value={newProject} onChange={(event) => setNewProject(event.target.value)} disabled={projects.isPending}>
                <option value="">{projects.isPending ? "Loading projects…" : projectCandidates.length ? "Choose a project…" : "No other projects"}</option>
                {projectCandidates.map((project) => (
                  <option key={project.id} value={project.slug}>
                    {project.name} ({project.slug})
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary" disabled={!newProject || update.isPending}>Grant access</Button>
          </form>
        ) : null}
      </Card>

      <Dialog
        open={revokingProject !== null}
        onClose={() => setRevokingProject(null)}
        title="Revoke project access?"
        description={`${team.name} loses access to ${revokingProject ?? ""}. If no other team has it, the project becomes visible to every member again.`}
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setRevokingProject(null)}>Cancel</Button>
          <Button
            variant="danger"
            disabled={update.isPending}
            onClick={() => revokingProject && change({ projects: team.projects.filter((slug) => slug !== revokingProject) }, `${team.name} no longer has ${revokingProject}.`, () => setRevokingProject(null))}
          >
            Revoke access
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${team.name}?`}
        description="People stay in the organization. Projects that only this team had become visible to every member again."
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setDeleting(false)}>Cancel</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? "Deleting…" : "Delete team"}
          </Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}

function RenameForm({ team, pending, onSubmit }: { team: TeamView; pending: boolean; onSubmit: (values: RenameInput) => void }) {
  const { register, handleSubmit, formState } = useForm<RenameInput>({ resolver: zodResolver(renameSchema), values: { name: team.name, slug: team.slug } });
  return (
    <Card className="p-5">
      <h2 className="mb-4 font-semibold">Name</h2>
      <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Rename team" className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-start">
        <Field label="Team name" {...register("name")} error={formState.errors.name?.message} />
        <Field label="Slug" hint="Changing it changes this page's address." {...register("slug")} error={formState.errors.slug?.message} />
        <Button type="submit" variant="secondary" disabled={pending || !formState.isDirty} className="md:mt-7">
          Save
        </Button>
      </form>
    </Card>
  );
}
