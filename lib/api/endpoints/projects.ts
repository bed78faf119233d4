import { defineEndpoint, noContent, ok } from "@/lib/api/endpoint";
import { orgParams } from "@/lib/schemas/api";
import {
  createNodeSchema, createProjectSchema, environmentParams, hierarchyListQuery, projectParams, renameSchema, targetParams,
} from "@/lib/schemas/projects";
import { createEnvironment, deleteEnvironment, getEnvironment, listEnvironments, updateEnvironment } from "@/lib/services/projects/environments";
import { createProject, deleteProject, getProject, listProjects, updateProject } from "@/lib/services/projects/projects";
import { createTarget, deleteTarget, getTarget, listTargets, updateTarget } from "@/lib/services/projects/targets";

// The hierarchy (SPEC §4.5): projects → targets → environments. Lists show only what the caller may
// read; renaming keeps everything beneath; deleting removes everything beneath.

const LIST_NOTE = "Only the items the caller may read; cursor pagination (meta.next_cursor).";
const DELETE_NOTE = "Removes everything beneath it, with its secrets and their history.";

const projectEndpoints = [
  defineEndpoint({
    id: "projects.list", method: "GET", path: "/{organization}/projects", tag: "Projects",
    summary: "List projects", description: LIST_NOTE, permission: "project:read",
    params: orgParams, query: hierarchyListQuery,
    handle: async (context, { query }) => {
      const page = await listProjects(context, query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "projects.create", method: "POST", path: "/{organization}/projects", tag: "Projects",
    summary: "Create a project with its key version 1",
    description: "custody \"server\": the server generates and wraps the key. custody \"client\": send key {salt, iterations, key_proof} now or set it up later with POST /{organization}/{project}/keys/verification.",
    permission: "project:create", status: 201,
    params: orgParams, body: createProjectSchema,
    handle: async (context, { body }) => ok(await createProject(context, body)),
  }),
  defineEndpoint({
    id: "projects.read", method: "GET", path: "/{organization}/projects/{project}", tag: "Projects",
    summary: "Get a project", permission: "project:read",
    params: projectParams,
    handle: async (context, { params }) => ok(await getProject(context, params.project)),
  }),
  defineEndpoint({
    id: "projects.update", method: "PATCH", path: "/{organization}/projects/{project}", tag: "Projects",
    summary: "Rename a project", description: "Custody changes go through the keys endpoints.", permission: "project:update",
    params: projectParams, body: renameSchema,
    handle: async (context, { params, body }) => ok(await updateProject(context, params.project, body)),
  }),
  defineEndpoint({
    id: "projects.delete", method: "DELETE", path: "/{organization}/projects/{project}", tag: "Projects",
    summary: "Delete a project", description: `${DELETE_NOTE} Its keys are deleted too.`, permission: "project:delete", status: 204,
    params: projectParams,
    handle: async (context, { params }) => {
      await deleteProject(context, params.project);
      return noContent();
    },
  }),
];

const targetPath = (params: { project: string; target: string }) => ({ project: params.project, target: params.target });

const targetEndpoints = [
  defineEndpoint({
    id: "targets.list", method: "GET", path: "/{organization}/projects/{project}/targets", tag: "Targets",
    summary: "List a project's targets", description: LIST_NOTE, permission: "target:read",
    params: projectParams, query: hierarchyListQuery,
    handle: async (context, { params, query }) => {
      const page = await listTargets(context, params.project, query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "targets.create", method: "POST", path: "/{organization}/projects/{project}/targets", tag: "Targets",
    summary: "Create a target", permission: "target:create", status: 201,
    params: projectParams, body: createNodeSchema,
    handle: async (context, { params, body }) => ok(await createTarget(context, params.project, body)),
  }),
  defineEndpoint({
    id: "targets.read", method: "GET", path: "/{organization}/projects/{project}/targets/{target}", tag: "Targets",
    summary: "Get a target", permission: "target:read",
    params: targetParams,
    handle: async (context, { params }) => ok(await getTarget(context, targetPath(params))),
  }),
  defineEndpoint({
    id: "targets.update", method: "PATCH", path: "/{organization}/projects/{project}/targets/{target}", tag: "Targets",
    summary: "Rename a target", permission: "target:update",
    params: targetParams, body: renameSchema,
    handle: async (context, { params, body }) => ok(await updateTarget(context, targetPath(params), body)),
  }),
  defineEndpoint({
    id: "targets.delete", method: "DELETE", path: "/{organization}/projects/{project}/targets/{target}", tag: "Targets",
    summary: "Delete a target", description: DELETE_NOTE, permission: "target:delete", status: 204,
    params: targetParams,
    handle: async (context, { params }) => {
      await deleteTarget(context, targetPath(params));
      return noContent();
    },
  }),
];

const ENVIRONMENTS = "/{organization}/projects/{project}/targets/{target}/environments";
const environmentPath = (params: { project: string; target: string; environment: string }) => ({ ...targetPath(params), environment: params.environment });

const environmentEndpoints = [
  defineEndpoint({
    id: "environments.list", method: "GET", path: ENVIRONMENTS, tag: "Environments",
    summary: "List a target's environments", description: LIST_NOTE, permission: "environment:read",
    params: targetParams, query: hierarchyListQuery,
    handle: async (context, { params, query }) => {
      const page = await listEnvironments(context, targetPath(params), query);
      return ok(page.data, page.meta);
    },
  }),
  defineEndpoint({
    id: "environments.create", method: "POST", path: ENVIRONMENTS, tag: "Environments",
    summary: "Create an environment", permission: "environment:create", status: 201,
    params: targetParams, body: createNodeSchema,
    handle: async (context, { params, body }) => ok(await createEnvironment(context, targetPath(params), body)),
  }),
  defineEndpoint({
    id: "environments.read", method: "GET", path: `${ENVIRONMENTS}/{environment}`, tag: "Environments",
    summary: "Get an environment", permission: "environment:read",
    params: environmentParams,
    handle: async (context, { params }) => ok(await getEnvironment(context, environmentPath(params))),
  }),
  defineEndpoint({
    id: "environments.update", method: "PATCH", path: `${ENVIRONMENTS}/{environment}`, tag: "Environments",
    summary: "Rename an environment", permission: "environment:update",
    params: environmentParams, body: renameSchema,
    handle: async (context, { params, body }) => ok(await updateEnvironment(context, environmentPath(params), body)),
  }),
  defineEndpoint({
    id: "environments.delete", method: "DELETE", path: `${ENVIRONMENTS}/{environment}`, tag: "Environments",
    summary: "Delete an environment", description: DELETE_NOTE, permission: "environment:delete", status: 204,
    params: environmentParams,
    handle: async (context, { params }) => {
      await deleteEnvironment(context, environmentPath(params));
      return noContent();
    },
  }),
];

export const projectsEndpoints = [...projectEndpoints, ...targetEndpoints, ...environmentEndpoints];
