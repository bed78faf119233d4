import { defineEndpoint, noContent, ok, page } from "@/lib/api/endpoint";
import { orgParams } from "@/lib/schemas/api";
import {
  createNodeSchema, createProjectSchema, environmentParams, hierarchyListQuery, projectParams, renameSchema, targetParams,
} from "@/lib/schemas/projects";
import { levelOf } from "@/lib/services/access/plan";
import { createEnvironment, deleteEnvironment, getEnvironment, listEnvironments, updateEnvironment } from "@/lib/services/projects/environments";
import { nodePlan } from "@/lib/services/projects/node-plan";
import {
  createProject, createProjectPlan, deleteProject, getProject, listProjects, listProjectsPlan, projectPlan, updateProject,
} from "@/lib/services/projects/projects";
import { createTarget, deleteTarget, getTarget, listTargets, updateTarget } from "@/lib/services/projects/targets";

// The hierarchy (docs/api.md#management): projects → targets → environments. Lists show only what the caller may
// read; renaming keeps everything beneath; deleting removes everything beneath.

const LIST_NOTE = "Only the items the caller may read; cursor pagination (meta.next_cursor).";
const DELETE_NOTE = "Removes everything beneath it, with its secrets and their history.";

const projectEndpoints = [
  defineEndpoint({
    id: "projects.list", method: "GET", path: "/{organization}/projects", tag: "Projects",
    summary: "List projects", description: LIST_NOTE,
    params: orgParams, query: hierarchyListQuery,
    requires: () => listProjectsPlan(),
    handle: async (context, { query }) => page(await listProjects(context, query)),
  }),
  defineEndpoint({
    id: "projects.create", method: "POST", path: "/{organization}/projects", tag: "Projects",
    summary: "Create a project with its key version 1",
    description: "custody \"server\": the server generates and wraps the key. custody \"client\": send key {salt, iterations, key_proof} now or set it up later with POST /{organization}/{project}/keys/verification.",
    status: 201,
    params: orgParams, body: createProjectSchema,
    requires: () => createProjectPlan(),
    handle: async (context, { body }) => ok(await createProject(context, body)),
  }),
  defineEndpoint({
    id: "projects.read", method: "GET", path: "/{organization}/projects/{project}", tag: "Projects",
    summary: "Get a project",
    params: projectParams,
    requires: ({ params }) => projectPlan("read", params.project),
    handle: async (context, _input, access) => ok(await getProject(context, access.level.project)),
  }),
  defineEndpoint({
    id: "projects.update", method: "PATCH", path: "/{organization}/projects/{project}", tag: "Projects",
    summary: "Rename a project", description: "Custody changes go through the keys endpoints.",
    params: projectParams, body: renameSchema,
    requires: ({ params }) => projectPlan("update", params.project),
    handle: async (context, { body }, access) => ok(await updateProject(context, access.level.project, body)),
  }),
  defineEndpoint({
    id: "projects.delete", method: "DELETE", path: "/{organization}/projects/{project}", tag: "Projects",
    summary: "Delete a project", description: `${DELETE_NOTE} Its keys are deleted too.`, status: 204,
    params: projectParams,
    requires: ({ params }) => projectPlan("delete", params.project),
    handle: async (context, _input, access) => {
      await deleteProject(context, access.level.project);
      return noContent();
    },
  }),
];

const targetEndpoints = [
  defineEndpoint({
    id: "targets.list", method: "GET", path: "/{organization}/projects/{project}/targets", tag: "Targets",
    summary: "List a project's targets", description: LIST_NOTE,
    params: projectParams, query: hierarchyListQuery,
    requires: ({ params }) => nodePlan("target", "list", levelOf(params)),
    handle: async (context, { query }, access) => page(await listTargets(context, access.level, query)),
  }),
  defineEndpoint({
    id: "targets.create", method: "POST", path: "/{organization}/projects/{project}/targets", tag: "Targets",
    summary: "Create a target", status: 201,
    params: projectParams, body: createNodeSchema,
    requires: ({ params }) => nodePlan("target", "create", levelOf(params)),
    handle: async (context, { body }, access) => ok(await createTarget(context, access.level, body)),
  }),
  defineEndpoint({
    id: "targets.read", method: "GET", path: "/{organization}/projects/{project}/targets/{target}", tag: "Targets",
    summary: "Get a target",
    params: targetParams,
    requires: ({ params }) => nodePlan("target", "read", levelOf(params)),
    handle: async (context, _input, access) => ok(await getTarget(context, access.level)),
  }),
  defineEndpoint({
    id: "targets.update", method: "PATCH", path: "/{organization}/projects/{project}/targets/{target}", tag: "Targets",
    summary: "Rename a target",
    params: targetParams, body: renameSchema,
    requires: ({ params }) => nodePlan("target", "update", levelOf(params)),
    handle: async (context, { body }, access) => ok(await updateTarget(context, access.level, body)),
  }),
  defineEndpoint({
    id: "targets.delete", method: "DELETE", path: "/{organization}/projects/{project}/targets/{target}", tag: "Targets",
    summary: "Delete a target", description: DELETE_NOTE, status: 204,
    params: targetParams,
    requires: ({ params }) => nodePlan("target", "delete", levelOf(params)),
    handle: async (context, _input, access) => {
      await deleteTarget(context, access.level);
      return noContent();
    },
  }),
];

const ENVIRONMENTS = "/{organization}/projects/{project}/targets/{target}/environments";

const environmentEndpoints = [
  defineEndpoint({
    id: "environments.list", method: "GET", path: ENVIRONMENTS, tag: "Environments",
    summary: "List a target's environments", description: LIST_NOTE,
    params: targetParams, query: hierarchyListQuery,
    requires: ({ params }) => nodePlan("environment", "list", levelOf(params)),
    handle: async (context, { query }, access) => page(await listEnvironments(context, access.level, query)),
  }),
  defineEndpoint({
    id: "environments.create", method: "POST", path: ENVIRONMENTS, tag: "Environments",
    summary: "Create an environment", status: 201,
    params: targetParams, body: createNodeSchema,
    requires: ({ params }) => nodePlan("environment", "create", levelOf(params)),
    handle: async (context, { body }, access) => ok(await createEnvironment(context, access.level, body)),
  }),
  defineEndpoint({
    id: "environments.read", method: "GET", path: `${ENVIRONMENTS}/{environment}`, tag: "Environments",
    summary: "Get an environment",
    params: environmentParams,
    requires: ({ params }) => nodePlan("environment", "read", levelOf(params)),
    handle: async (context, _input, access) => ok(await getEnvironment(context, access.level)),
  }),
  defineEndpoint({
    id: "environments.update", method: "PATCH", path: `${ENVIRONMENTS}/{environment}`, tag: "Environments",
    summary: "Rename an environment",
    params: environmentParams, body: renameSchema,
    requires: ({ params }) => nodePlan("environment", "update", levelOf(params)),
    handle: async (context, { body }, access) => ok(await updateEnvironment(context, access.level, body)),
  }),
  defineEndpoint({
    id: "environments.delete", method: "DELETE", path: `${ENVIRONMENTS}/{environment}`, tag: "Environments",
    summary: "Delete an environment", description: DELETE_NOTE, status: 204,
    params: environmentParams,
    requires: ({ params }) => nodePlan("environment", "delete", levelOf(params)),
    handle: async (context, _input, access) => {
      await deleteEnvironment(context, access.level);
      return noContent();
    },
  }),
];

export const projectsEndpoints = [...projectEndpoints, ...targetEndpoints, ...environmentEndpoints];
