import { defineEndpoint, noContent, ok } from "@/lib/api/endpoint";
import { orgParams } from "@/lib/schemas/api";
import { createTeamSchema, listTeamsQuery, teamParams, updateTeamSchema } from "@/lib/schemas/teams";
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from "@/lib/services/teams/teams";

const ACCESS_NOTE =
  "A project given to any team is visible only to those teams' members (for roles that are not organization-wide); changing a project's teams also needs project:update on it.";

export const teamsEndpoints = [
  defineEndpoint({
    id: "teams.list",
    method: "GET",
    path: "/{organization}/teams",
    tag: "Teams",
    summary: "List teams with their members and projects",
    permission: "team:read",
    params: orgParams,
    query: listTeamsQuery,
    handle: async (context, { query }) => {
      const page = await listTeams(context, query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "teams.create",
    method: "POST",
    path: "/{organization}/teams",
    tag: "Teams",
    summary: "Create a team",
    description: `members: emails or user ids of organization members; projects: project slugs. ${ACCESS_NOTE}`,
    permission: "team:create",
    status: 201,
    params: orgParams,
    body: createTeamSchema,
    handle: async (context, { body }) => ok(await createTeam(context, body)),
  }),
  defineEndpoint({
    id: "teams.read",
    method: "GET",
    path: "/{organization}/teams/{team}",
    tag: "Teams",
    summary: "Get a team",
    permission: "team:read",
    params: teamParams,
    handle: async (context, { params }) => ok(await getTeam(context, params.team)),
  }),
  defineEndpoint({
    id: "teams.update",
    method: "PATCH",
    path: "/{organization}/teams/{team}",
    tag: "Teams",
    summary: "Rename a team or replace its members and projects",
    description: ACCESS_NOTE,
    permission: "team:update",
    params: teamParams,
    body: updateTeamSchema,
    handle: async (context, { params, body }) => ok(await updateTeam(context, params.team, body)),
  }),
  defineEndpoint({
    id: "teams.delete",
    method: "DELETE",
    path: "/{organization}/teams/{team}",
    tag: "Teams",
    summary: "Delete a team",
    description: `Projects only this team had become visible to every member again. ${ACCESS_NOTE}`,
    permission: "team:delete",
    status: 204,
    params: teamParams,
    handle: async (context, { params }) => {
      await deleteTeam(context, params.team);
      return noContent();
    },
  }),
];
