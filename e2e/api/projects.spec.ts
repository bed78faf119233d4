import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type ApiClient, type ApiResponse, type OrganizationFixture, VECTOR_KEY as KEY } from "./support";

// Projects → targets → environments (docs/hierarchy.md#hierarchy, docs/api.md#management): create, read, rename, delete, and every refusal
// a client can run into. Another organization's projects do not exist for this one, and a scoped key
// lists only what its scopes cover.

const RESERVED = ["secrets", "projects", "targets", "environments", "tokens", "members", "teams", "audit", "keys", "versions", "whoami", "openapi.json"];
const INVALID = ["MyApp", "-leading", "trailing-", "a".repeat(65), "under_score", "", "two words"];

let org: OrganizationFixture;
let other: OrganizationFixture;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
  other = createOrganization(testInfo);
});

const projects = () => `/${org.organizationId}/projects`;
const targetsOf = (project: string) => `${projects()}/${project}/targets`;
const environmentsOf = (project: string, target: string) => `${targetsOf(project)}/${target}/environments`;

async function created(response: Promise<ApiResponse>) {
  const result = await response;
  expect(result.status, result.text).toBe(201);
  return result.body.data;
}

function expectError(response: ApiResponse, status: number, error: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body.error).toBe(error);
}

async function mint(api: ApiClient, permissions: unknown[]): Promise<string> {
  const response = await api.post(`/${org.organizationId}/tokens`, { name: "hierarchy test", expires: "30d", permissions });
  expect(response.status, `POST /tokens is needed for scoped-key tests: ${response.text}`).toBe(201);
  return response.body.data.token as string;
}

test.describe("projects", () => {
  test("create, read, list, rename and delete a server-managed project", async ({ request }) => {
    const api = apiClient(request, org.token);
    const project = await created(api.post(projects(), { slug: "billing", name: "Billing", custody: "server" }));
    expect(project).toMatchObject({ slug: "billing", name: "Billing", custody: "server", key_version: 1, key_configured: true });
    expect(project.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(Object.keys(project).sort()).toEqual(["created_at", "custody", "id", "key_configured", "key_version", "name", "slug", "updated_at"]);

    const read = await api.get(`${projects()}/billing`);
    expect(read.status).toBe(200);
    expect(read.headers["cache-control"]).toBe("no-store");
    expect(read.body.data).toEqual(project);

    const list = await api.get(projects());
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ next_cursor: null });
    expect(list.body.data.map((item: { slug: string }) => item.slug).sort()).toEqual(["billing", "my-app"]);

    const renamed = await api.patch(`${projects()}/billing`, { name: "Billing service" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.data).toMatchObject({ id: project.id, slug: "billing", name: "Billing service" });

    const removed = await api.delete(`${projects()}/billing`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe("");
    expectError(await api.get(`${projects()}/billing`), 404, "not_found");
    expectError(await api.delete(`${projects()}/billing`), 404, "not_found");
  });

  test("the name defaults to the slug; a duplicate slug is 409 and changes nothing", async ({ request }) => {
    const api = apiClient(request, org.token);
    expect(await created(api.post(projects(), { slug: "dup", custody: "server" }))).toMatchObject({ slug: "dup", name: "dup" });
    expectError(await api.post(projects(), { slug: "dup", name: "Other", custody: "client" }), 409, "already_exists");
    expect((await api.get(`${projects()}/dup`)).body.data).toMatchObject({ name: "dup", custody: "server" });
    expectError(await api.post(projects(), { slug: "my-app", custody: "server" }), 409, "already_exists");
    expectError(await api.patch(`${projects()}/dup`, { slug: "my-app" }), 409, "already_exists");
    expect((await api.delete(`${projects()}/dup`)).status).toBe(204);
  });

  test("reserved and invalid slugs are refused with 422 validation_failed", async ({ request }) => {
    const api = apiClient(request, org.token);
    for (const slug of [...RESERVED, ...INVALID]) {
      expectError(await api.post(projects(), { slug, custody: "server" }), 422, "validation_failed");
      expectError(await api.patch(`${projects()}/my-app`, { slug }), 422, "validation_failed");
    }
    const longest = "a".repeat(64);
    expect(await created(api.post(projects(), { slug: longest, custody: "server" }))).toMatchObject({ slug: longest });
    expect((await api.delete(`${projects()}/${longest}`)).status).toBe(204);
    const list = await api.get(projects());
    expect(list.body.data.map((item: { slug: string }) => item.slug)).toEqual(["my-app"]);
  });

  test("bad bodies: wrong types 422, malformed JSON 400, custody is not changed here", async ({ request }) => {
    const api = apiClient(request, org.token);
    const bodies = [
      {}, { slug: 5, custody: "server" }, { slug: "x1", custody: "cloud" }, { slug: "x1" }, { slug: "x1", custody: "server", name: 5 },
      { slug: "x1", custody: "server", name: "" }, { slug: "x1", custody: "server", extra: true }, { slug: "x1", custody: "client", key: "k" },
    ];
    for (const body of bodies) expectError(await api.post(projects(), body), 422, "validation_failed");
    expectError(await api.postRaw(projects(), '{"slug": "x1", '), 400, "invalid_request");
    expectError(await api.postRaw(projects(), "[1, 2]"), 400, "invalid_request");
    expectError(await api.patch(`${projects()}/my-app`, {}), 422, "validation_failed");
    expectError(await api.patch(`${projects()}/my-app`, { custody: "client" }), 422, "validation_failed");
    expectError(await api.patch(`${projects()}/my-app`, { name: ["x"] }), 422, "validation_failed");
    expectError(await api.get(`${projects()}?limit=0`), 400, "invalid_request");
    expect((await api.get(`${projects()}/x1`)).status).toBe(404);
    expect((await api.get(`${projects()}/my-app`)).body.data).toMatchObject({ name: "My App", custody: "server" });
  });

  test("client custody: with the key parameters, without them, and refusals of weak ones", async ({ request }) => {
    const api = apiClient(request, org.token);
    const withKey = await created(api.post(projects(), { slug: "zk-ready", name: "ZK", custody: "client", key: KEY }));
    expect(withKey).toMatchObject({ custody: "client", key_version: 1, key_configured: true });
    const withoutKey = await created(api.post(projects(), { slug: "zk-later", custody: "client" }));
    expect(withoutKey).toMatchObject({ custody: "client", key_version: 1, key_configured: false });

    const weak = [
      [{ ...KEY, iterations: 1000 }, "key.iterations"],
      [{ ...KEY, iterations: 20_000_000 }, "key.iterations"],
      [{ ...KEY, iterations: 600_000.5 }, "key.iterations"],
      [{ ...KEY, salt: Buffer.alloc(15, 7).toString("base64") }, "key.salt"],
      [{ ...KEY, salt: "not base64!" }, "key.salt"],
      [{ ...KEY, key_proof: "short" }, "key.key_proof"],
      [{ salt: KEY.salt, iterations: KEY.iterations }, "key.key_proof"],
    ] as const;
    for (const [key, path] of weak) {
      const response = await api.post(projects(), { slug: "zk-weak", custody: "client", key });
      expectError(response, 422, "validation_failed");
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    }
    const serverWithKey = await api.post(projects(), { slug: "zk-weak", custody: "server", key: KEY });
    expectError(serverWithKey, 422, "validation_failed");
    expect(serverWithKey.body.details[0].path).toBe("key");
    expectError(await api.get(`${projects()}/zk-weak`), 404, "not_found");

    for (const slug of ["zk-ready", "zk-later"]) expect((await api.delete(`${projects()}/${slug}`)).status).toBe(204);
  });

  test("cursor pagination walks every project once", async ({ request }) => {
    const api = apiClient(request, org.token);
    for (const slug of ["page-a", "page-b"]) await created(api.post(projects(), { slug, custody: "server" }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.get(`${projects()}?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.data.map((item: { slug: string }) => item.slug));
      cursor = page.body.meta.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(["my-app", "page-a", "page-b"]);
    for (const slug of ["page-a", "page-b"]) expect((await api.delete(`${projects()}/${slug}`)).status).toBe(204);
  });
});

test.describe("targets and environments", () => {
  test("create, read, list, rename and delete; renames keep the children, deletes cascade", async ({ request }) => {
    const api = apiClient(request, org.token);
    await created(api.post(projects(), { slug: "shop", name: "Shop", custody: "server" }));
    const target = await created(api.post(targetsOf("shop"), { slug: "web", name: "Web" }));
    expect(Object.keys(target).sort()).toEqual(["created_at", "id", "name", "project", "slug", "updated_at"]);
    expect(target).toMatchObject({ slug: "web", name: "Web", project: "shop" });
    expect(await created(api.post(targetsOf("shop"), { slug: "api" }))).toMatchObject({ slug: "api", name: "api" });
    const environment = await created(api.post(environmentsOf("shop", "web"), { slug: "staging", name: "Staging" }));
    expect(Object.keys(environment).sort()).toEqual(["created_at", "id", "name", "project", "slug", "target", "updated_at"]);
    expect(environment).toMatchObject({ slug: "staging", name: "Staging", project: "shop", target: "web" });
    expect(await created(api.post(environmentsOf("shop", "web"), { slug: "production" }))).toMatchObject({ name: "production" });

    expect((await api.get(`${targetsOf("shop")}/web`)).body.data).toEqual(target);
    expect((await api.get(`${environmentsOf("shop", "web")}/staging`)).body.data).toEqual(environment);
    const targets = await api.get(targetsOf("shop"));
    expect(targets.body.data.map((item: { slug: string }) => item.slug).sort()).toEqual(["api", "web"]);
    expect(targets.body.meta).toEqual({ next_cursor: null });
    const environments = await api.get(environmentsOf("shop", "web"));
    expect(environments.body.data.map((item: { slug: string }) => item.slug).sort()).toEqual(["production", "staging"]);

    // Renaming a project, a target, an environment: same ids, same children, old slugs gone.
    const project = (await api.get(`${projects()}/shop`)).body.data;
    expect((await api.patch(`${projects()}/shop`, { slug: "store" })).body.data).toMatchObject({ id: project.id, slug: "store", name: "Shop" });
    expectError(await api.get(`${projects()}/shop`), 404, "not_found");
    expectError(await api.get(targetsOf("shop")), 404, "not_found");
    expect((await api.get(`${targetsOf("store")}/web`)).body.data).toMatchObject({ id: target.id, project: "store" });
    const renamedTarget = await api.patch(`${targetsOf("store")}/web`, { slug: "frontend", name: "Frontend" });
    expect(renamedTarget.status, renamedTarget.text).toBe(200);
    expect(renamedTarget.body.data).toMatchObject({ id: target.id, slug: "frontend", name: "Frontend", project: "store" });
    expect((await api.get(environmentsOf("store", "frontend"))).body.data.map((item: { id: string }) => item.id)).toContain(environment.id);
    const renamedEnvironment = await api.patch(`${environmentsOf("store", "frontend")}/staging`, { slug: "preview" });
    expect(renamedEnvironment.body.data).toMatchObject({ id: environment.id, slug: "preview", name: "Staging", project: "store", target: "frontend" });
    expectError(await api.get(`${environmentsOf("store", "frontend")}/staging`), 404, "not_found");

    // Deleting an environment, then a target (its environments go with it), then the project.
    expect((await api.delete(`${environmentsOf("store", "frontend")}/preview`)).status).toBe(204);
    expectError(await api.get(`${environmentsOf("store", "frontend")}/preview`), 404, "not_found");
    expect((await api.delete(`${targetsOf("store")}/frontend`)).status).toBe(204);
    expectError(await api.get(`${targetsOf("store")}/frontend`), 404, "not_found");
    expectError(await api.get(environmentsOf("store", "frontend")), 404, "not_found");
    expectError(await api.get(`${environmentsOf("store", "frontend")}/production`), 404, "not_found");
    expect((await api.delete(`${projects()}/store`)).status).toBe(204);
    expectError(await api.get(`${targetsOf("store")}/api`), 404, "not_found");
    expectError(await api.get(targetsOf("store")), 404, "not_found");
  });

  test("a project re-created under a deleted one's slug starts empty", async ({ request }) => {
    const api = apiClient(request, org.token);
    await created(api.post(projects(), { slug: "temp", custody: "server" }));
    await created(api.post(targetsOf("temp"), { slug: "backend" }));
    await created(api.post(environmentsOf("temp", "backend"), { slug: "production" }));
    expect((await api.delete(`${projects()}/temp`)).status).toBe(204);
    // A project of the same slug starts empty: nothing of the old one survives.
    await created(api.post(projects(), { slug: "temp", custody: "server" }));
    expect((await api.get(targetsOf("temp"))).body.data).toEqual([]);
    expect((await api.get(`/${org.organizationId}/temp/keys`)).body.data).toHaveLength(1);
    expect((await api.delete(`${projects()}/temp`)).status).toBe(204);
  });

  test("duplicates 409, reserved and invalid slugs 422, wrong types 422, malformed JSON 400", async ({ request }) => {
    const api = apiClient(request, org.token);
    const environments = environmentsOf("my-app", "backend");
    expectError(await api.post(targetsOf("my-app"), { slug: "backend" }), 409, "already_exists");
    expectError(await api.post(environments, { slug: "production" }), 409, "already_exists");
    await created(api.post(targetsOf("my-app"), { slug: "worker" }));
    await created(api.post(environments, { slug: "staging" }));
    expectError(await api.patch(`${targetsOf("my-app")}/worker`, { slug: "backend" }), 409, "already_exists");
    expectError(await api.patch(`${environments}/staging`, { slug: "production" }), 409, "already_exists");
    for (const slug of [...RESERVED, ...INVALID]) {
      expectError(await api.post(targetsOf("my-app"), { slug }), 422, "validation_failed");
      expectError(await api.post(environments, { slug }), 422, "validation_failed");
      expectError(await api.patch(`${targetsOf("my-app")}/worker`, { slug }), 422, "validation_failed");
      expectError(await api.patch(`${environments}/staging`, { slug }), 422, "validation_failed");
    }
    for (const body of [{}, { slug: 5 }, { slug: "ok", name: 5 }, { slug: "ok", custody: "server" }]) {
      expectError(await api.post(targetsOf("my-app"), body), 422, "validation_failed");
      expectError(await api.post(environments, body), 422, "validation_failed");
    }
    expectError(await api.patch(`${environments}/staging`, {}), 422, "validation_failed");
    expectError(await api.postRaw(targetsOf("my-app"), "{"), 400, "invalid_request");
    expectError(await api.postRaw(environments, "{"), 400, "invalid_request");
    expect((await api.delete(`${environments}/staging`)).status).toBe(204);
    expect((await api.delete(`${targetsOf("my-app")}/worker`)).status).toBe(204);
    expect((await api.get(targetsOf("my-app"))).body.data.map((item: { slug: string }) => item.slug)).toEqual(["backend"]);
    expect((await api.get(environments)).body.data.map((item: { slug: string }) => item.slug)).toEqual(["production"]);
  });
});

test.describe("not found", () => {
  test("unknown slugs are 404 on every endpoint", async ({ request }) => {
    const api = apiClient(request, org.token);
    const lists = [targetsOf("nope"), environmentsOf("my-app", "nope"), environmentsOf("nope", "backend")];
    const items = [
      `${projects()}/nope`, `${targetsOf("my-app")}/nope`, `${targetsOf("nope")}/backend`, `${environmentsOf("my-app", "backend")}/nope`,
      `${environmentsOf("my-app", "nope")}/production`, `${environmentsOf("nope", "backend")}/production`,
    ];
    for (const path of [...lists, ...items]) expectError(await api.get(path), 404, "not_found");
    for (const path of items) {
      expectError(await api.patch(path, { name: "x" }), 404, "not_found");
      expectError(await api.delete(path), 404, "not_found");
    }
    expectError(await api.post(targetsOf("nope"), { slug: "web" }), 404, "not_found");
    expectError(await api.post(environmentsOf("my-app", "nope"), { slug: "dev" }), 404, "not_found");
    expectError(await api.get(`${projects()}/Not_A_Slug`), 404, "not_found");
  });

  test("another organization's projects do not exist here, and its id is 404", async ({ request }) => {
    const mine = apiClient(request, org.token);
    const theirs = apiClient(request, other.token);
    await created(theirs.post(`/${other.organizationId}/projects`, { slug: "theirs-only", custody: "server" }));
    await created(theirs.post(`/${other.organizationId}/projects/theirs-only/targets`, { slug: "web" }));
    for (const path of [targetsOf("theirs-only"), environmentsOf("theirs-only", "web")]) expectError(await mine.get(path), 404, "not_found");
    for (const path of [`${projects()}/theirs-only`, `${targetsOf("theirs-only")}/web`]) {
      expectError(await mine.get(path), 404, "not_found");
      expectError(await mine.patch(path, { name: "mine now" }), 404, "not_found");
      expectError(await mine.delete(path), 404, "not_found");
    }
    expectError(await mine.post(targetsOf("theirs-only"), { slug: "api" }), 404, "not_found");
    const foreign = `/${other.organizationId}/projects`;
    for (const path of [foreign, `${foreign}/theirs-only`, `${foreign}/my-app/targets`, `${foreign}/my-app/targets/backend/environments`]) {
      expectError(await mine.get(path), 404, "not_found");
    }
    expectError(await mine.post(foreign, { slug: "intruder", custody: "server" }), 404, "not_found");
    expectError(await mine.patch(`${foreign}/theirs-only`, { name: "mine now" }), 404, "not_found");
    expectError(await mine.delete(`${foreign}/theirs-only`), 404, "not_found");
    expect((await theirs.get(`${foreign}/theirs-only`)).body.data).toMatchObject({ slug: "theirs-only", name: "theirs-only" });
    expect((await mine.get(projects())).body.data.map((item: { slug: string }) => item.slug)).not.toContain("theirs-only");
  });
});

test.describe("scoped keys", () => {
  test("project:read scoped to one project lists only it and cannot see another", async ({ request }) => {
    const admin = apiClient(request, org.token);
    await created(admin.post(projects(), { slug: "scope-b", custody: "server" }));
    const token = await mint(admin, [{ permission: "project:read", scope: { project: "my-app" } }]);
    const api = apiClient(request, token);
    const list = await api.get(projects());
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((item: { slug: string }) => item.slug)).toEqual(["my-app"]);
    expect((await api.get(`${projects()}/my-app`)).status).toBe(200);
    expectError(await api.get(`${projects()}/scope-b`), 404, "not_found");
    expectError(await api.patch(`${projects()}/scope-b`, { name: "x" }), 404, "not_found");
    expectError(await api.patch(`${projects()}/my-app`, { name: "x" }), 403, "insufficient_permissions");
    expectError(await api.delete(`${projects()}/my-app`), 403, "insufficient_permissions");
    expectError(await api.post(projects(), { slug: "nope", custody: "server" }), 403, "insufficient_permissions");
    expectError(await api.get(targetsOf("my-app")), 403, "insufficient_permissions");
    expect((await admin.delete(`${projects()}/scope-b`)).status).toBe(204);
  });

  test("a key without project:create is refused 403 and nothing is created", async ({ request }) => {
    const admin = apiClient(request, org.token);
    const token = await mint(admin, [{ permission: "project:read" }, { permission: "target:create" }, { permission: "environment:create" }]);
    const api = apiClient(request, token);
    expectError(await api.post(projects(), { slug: "not-allowed", custody: "server" }), 403, "insufficient_permissions");
    expectError(await api.get(`${projects()}/not-allowed`), 404, "not_found");
    const noRead = apiClient(request, await mint(admin, [{ permission: "organization:read" }]));
    expectError(await noRead.get(projects()), 403, "insufficient_permissions");
  });

  test("a key scoped to one environment lists only that environment under its target", async ({ request }) => {
    const admin = apiClient(request, org.token);
    await created(admin.post(environmentsOf("my-app", "backend"), { slug: "qa" }));
    await created(admin.post(targetsOf("my-app"), { slug: "mobile" }));
    await created(admin.post(projects(), { slug: "elsewhere", custody: "server" }));
    const production = { project: "my-app", target: "backend", environment: "production" };
    const token = await mint(admin, [
      { permission: "project:read", scope: { project: "my-app" } },
      { permission: "target:read", scope: { project: "my-app", target: "backend" } },
      { permission: "environment:read", scope: production },
      { permission: "secret:read", scope: production },
    ]);
    const api = apiClient(request, token);
    expect((await api.get(projects())).body.data.map((item: { slug: string }) => item.slug)).toEqual(["my-app"]);
    expect((await api.get(targetsOf("my-app"))).body.data.map((item: { slug: string }) => item.slug)).toEqual(["backend"]);
    expect((await api.get(environmentsOf("my-app", "backend"))).body.data.map((item: { slug: string }) => item.slug)).toEqual(["production"]);
    expect((await api.get(`${environmentsOf("my-app", "backend")}/production`)).status).toBe(200);
    // It may see qa and mobile (they lie under its project and target grants) but not read them;
    // another project it cannot even see.
    expectError(await api.get(`${environmentsOf("my-app", "backend")}/qa`), 403, "insufficient_permissions");
    expectError(await api.get(`${targetsOf("my-app")}/mobile`), 403, "insufficient_permissions");
    expectError(await api.get(`${projects()}/elsewhere`), 404, "not_found");
    expectError(await api.get(targetsOf("elsewhere")), 404, "not_found");
    expectError(await api.post(environmentsOf("my-app", "backend"), { slug: "dev" }), 403, "insufficient_permissions");
    expectError(await api.delete(`${environmentsOf("my-app", "backend")}/production`), 403, "insufficient_permissions");

    expect((await admin.delete(`${environmentsOf("my-app", "backend")}/qa`)).status).toBe(204);
    expect((await admin.delete(`${targetsOf("my-app")}/mobile`)).status).toBe(204);
    expect((await admin.delete(`${projects()}/elsewhere`)).status).toBe(204);
  });
});
