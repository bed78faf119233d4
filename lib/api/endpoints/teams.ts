import { defineEndpoint, noContent, ok, page } from "@/lib/api/endpoint";
import { orgParams } from "@/lib/schemas/api";
import { createTeamSchema, listTeamsQuery, teamParams, updateTeamSchema } from "@/lib/schemas/teams";
import { createTeam, createTeamPlan, deleteTeam, getTeam, listTeams, listTeamsPlan, teamPlan, updateTeam } from "@/lib/services/teams/teams";

const ACCESS_NOTE =
  "A project given to any team is visible only to those teams' members (for roles that are not organization-wide); changing a project's teams also needs project:update on it.";

export const teamsEndpoints = [
  defineEndpoint({
    id: "teams.list",
    method: "GET",
    path: "/{organization}/teams",
    tag: "Teams",
    summary: "List teams with their members and projects",
    params: orgParams,
    query: listTeamsQuery,
    requires: () => listTeamsPlan(),
    handle: async (context, { query }) => page(await listTeams(context, query)),
  }),
  defineEndpoint({
    id: "teams.create",
    method: "POST",
    path: "/{organization}/teams",
    tag: "Teams",
    summary: "Create a team",
    description: `members: emails or user ids of organization members; projects: project slugs. ${ACCESS_NOTE}`,
    status: 201,
    params: orgParams,
    body: createTeamSchema,
    requires: () => createTeamPlan(),
    handle: async (context, { body }) => ok(await createTeam(context, body)),
  }),
  defineEndpoint({
    id: "teams.read",
    method: "GET",
    path: "/{organization}/teams/{team}",
    tag: "Teams",
    summary: "Get a team",
    params: teamParams,
    requires: ({ params }) => teamPlan("read", params.team),
    handle: async (context, _input, access) => ok(await getTeam(context, access.team)),
  }),
  defineEndpoint({
    id: "teams.update",
    method: "PATCH",
    path: "/{organization}/teams/{team}",
    tag: "Teams",
    summary: "Rename a team or replace its members and projects",
    description: ACCESS_NOTE,
    params: teamParams,
    body: updateTeamSchema,
    requires: ({ params }) => teamPlan("update", params.team),
    handle: async (context, { body }, access) => ok(await updateTeam(context, access.team, body)),
  }),
  defineEndpoint({
    id: "teams.delete",
    method: "DELETE",
    path: "/{organization}/teams/{team}",
    tag: "Teams",
    summary: "Delete a team",
    description: `Projects only this team had become visible to every member again. ${ACCESS_NOTE}`,
    status: 204,
    params: teamParams,
    requires: ({ params }) => teamPlan("delete", params.team),
    handle: async (context, _input, access) => {
      await deleteTeam(context, access.team);
      return noContent();
    },
  }),
];
