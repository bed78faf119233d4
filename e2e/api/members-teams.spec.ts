import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { strongPassword, uniqueEmail } from "../support";
import { apiClient, createOrganization, invitationSecret, joinOrganization, signInWithCredentials, type ApiClient, type OrganizationFixture } from "./support";

// Members, roles and teams (docs/permissions.md#permission-catalog, docs/api.md#management). People act through their session here, the way the
// dashboard calls the API, so role rules (only an Owner makes Owners, the last Owner stays) and
// "a removed member or lowered role is refused on the very next request" are tested for real.

let org: OrganizationFixture;
let owner: ApiClient;
const contexts: APIRequestContext[] = [];

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.dispose()));
});

interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
  context: APIRequestContext;
  /** The person's own session, as the dashboard would call the API. */
  api: ApiClient;
}

/** Signs a new person up (POST /api/auth/signup) and in; they belong to no organization yet. */
async function signUp(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, label: string): Promise<Person> {
  const context = await playwright.request.newContext({ baseURL });
  contexts.push(context);
  const account = { name: `Person ${label}`, email: uniqueEmail(label), password: strongPassword() };
  const created = await context.post("/api/auth/signup", { data: account });
  expect(created.status()).toBe(201);
  const id = await signInWithCredentials(context, account);
  // Changes through the API with a session cookie must come from the app's own pages, as a browser
  // says with Sec-Fetch-Site.
  return { id, ...account, context, api: apiClient(context, null, { "Sec-Fetch-Site": "same-origin" }) };
}

/** Invited by the organization's key, accepted in the person's session: the membership's id. */
async function join(person: Person, role: string): Promise<string> {
  return (await joinOrganization(org, person, role)).id;
}

async function members() {
  const response = await owner.get(`/${org.organizationId}/members?limit=100`);
  expect(response.status).toBe(200);
  return response.body.data as { id: string; user: { id: string; email: string; name: string }; role: string; teams: string[]; created_at: string }[];
}

async function ownerMembershipId(): Promise<string> {
  return (await members()).find((member) => member.user.email === org.owner.email)!.id;
}

test.beforeEach(async ({ request }) => {
  owner = apiClient(request, org.token);
});

test.describe("members", () => {
  test("the list shows each member's user, lowercase role and teams", async () => {
    const list = await members();
    expect(list).toEqual([
      { id: expect.stringMatching(/^[0-9A-Z]{26}$/), user: { id: expect.any(String), email: org.owner.email, name: expect.any(String) }, role: "owner", teams: [], created_at: expect.any(String), two_factor_enabled: false },
    ]);
    const page = await owner.get(`/${org.organizationId}/members`);
    expect(page.body.meta).toEqual({ next_cursor: null });
  });

  test("an existing user is invited like anyone (the answer does not say they have an account) and joins only by accepting", async ({ playwright, baseURL }) => {
    const dev = await signUp(playwright, baseURL!, "dev");
    // Not a member yet: the organization does not exist for them.
    expect((await dev.api.get(`/${org.organizationId}`)).status).toBe(404);
    const added = await owner.post(`/${org.organizationId}/members`, { email: dev.email.toUpperCase(), role: "developer" });
    expect(added.status, added.text).toBe(201);
    expect(added.body.data).toEqual({ status: "invited", email: dev.email, role: "developer", expires_at: expect.any(String) });
    expect(added.text).not.toContain(dev.id);
    expect(added.text).not.toContain(dev.name);
    // Still nothing of the organization until they accept the emailed link.
    expect((await dev.api.get(`/${org.organizationId}`)).status).toBe(404);
    const accepted = await dev.context.post("/api/invitations/accept", { data: { secret: await invitationSecret(org, dev.email) }, headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(accepted.status()).toBe(200);
    expect((await dev.api.get(`/${org.organizationId}`)).status).toBe(200);
    expect((await members()).find((member) => member.user.id === dev.id)).toMatchObject({ role: "developer", user: { email: dev.email, name: dev.name } });
    const again = await owner.post(`/${org.organizationId}/members`, { email: dev.email, role: "member" });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("already_exists");
  });

  test("an unknown address is invited: 201 with status invited, and no secret in the response", async () => {
    const email = uniqueEmail("invitee");
    const invited = await owner.post(`/${org.organizationId}/members`, { email, role: "auditor" });
    expect(invited.status).toBe(201);
    expect(invited.body.data).toEqual({ status: "invited", email, role: "auditor", expires_at: expect.any(String) });
    const days = (Date.parse(invited.body.data.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    expect((await members()).some((member) => member.user.email === email)).toBe(false);
  });

  test("bad bodies are 422; unknown or malformed ids are 404", async () => {
    for (const body of [{ email: "not-an-email", role: "member" }, { email: uniqueEmail("x"), role: "superuser" }, { email: uniqueEmail("x"), role: "OWNER" }, { email: uniqueEmail("x") }]) {
      const response = await owner.post(`/${org.organizationId}/members`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toBe("validation_failed");
    }
    expect((await owner.patch(`/${org.organizationId}/members/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { role: "member" })).status).toBe(404);
    expect((await owner.delete(`/${org.organizationId}/members/01ARZ3NDEKTSV4RRFFQ69G5FAV`)).status).toBe(404);
    expect((await owner.delete(`/${org.organizationId}/members/not-an-id`)).status).toBe(404);
    expect((await owner.patch(`/${org.organizationId}/members/${await ownerMembershipId()}`, { role: "chief" })).status).toBe(422);
  });

  test("a lowered role and a removal are refused on the very next request", async ({ playwright, baseURL }) => {
    const admin = await signUp(playwright, baseURL!, "admin");
    const membershipId = await join(admin, "administrator");
    expect((await admin.api.get(`/${org.organizationId}/tokens`)).status).toBe(200);

    const lowered = await owner.patch(`/${org.organizationId}/members/${membershipId}`, { role: "member" });
    expect(lowered.status).toBe(200);
    expect(lowered.body.data).toMatchObject({ id: membershipId, role: "member", user: { email: admin.email } });
    const refused = await admin.api.get(`/${org.organizationId}/tokens`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe("insufficient_permissions");
    expect((await admin.api.get(`/${org.organizationId}/members`)).status).toBe(200);

    expect((await owner.delete(`/${org.organizationId}/members/${membershipId}`)).status).toBe(204);
    expect((await admin.api.get(`/${org.organizationId}/members`)).status).toBe(404);
    expect((await members()).some((member) => member.id === membershipId)).toBe(false);
    expect((await owner.delete(`/${org.organizationId}/members/${membershipId}`)).status).toBe(404);
  });

  test("only an Owner grants the Owner role, changes an Owner or removes one", async ({ playwright, baseURL, request }) => {
    const admin = await signUp(playwright, baseURL!, "admin2");
    const adminMembership = await join(admin, "administrator");
    const ownerMembership = await ownerMembershipId();
    const someone = await signUp(playwright, baseURL!, "someone");

    const attempts = [
      await admin.api.post(`/${org.organizationId}/members`, { email: someone.email, role: "owner" }),
      await admin.api.post(`/${org.organizationId}/members`, { email: uniqueEmail("invite-owner"), role: "owner" }),
      await admin.api.patch(`/${org.organizationId}/members/${adminMembership}`, { role: "owner" }),
      await admin.api.patch(`/${org.organizationId}/members/${ownerMembership}`, { role: "member" }),
      await admin.api.delete(`/${org.organizationId}/members/${ownerMembership}`),
    ];
    for (const response of attempts) {
      expect(response.status, response.text).toBe(403);
      expect(response.body.error).toBe("insufficient_permissions");
    }
    // A key that is not allow-all is no Owner either, whatever member permissions it holds.
    const memberKey = await owner.post(`/${org.organizationId}/tokens`, {
      name: "member admin", expires: "30d", permissions: ["member:create", "member:read", "member:update", "member:delete"].map((permission) => ({ permission })),
    });
    const asMemberKey = apiClient(request, memberKey.body.data.token);
    expect((await asMemberKey.patch(`/${org.organizationId}/members/${ownerMembership}`, { role: "member" })).status).toBe(403);
    // The administrator can still manage everyone else.
    const invited = await admin.api.post(`/${org.organizationId}/members`, { email: someone.email, role: "developer" });
    expect(invited.status).toBe(201);
    await someone.context.post("/api/invitations/accept", { data: { secret: await invitationSecret(org, someone.email) }, headers: { "Sec-Fetch-Site": "same-origin" } });
    const added = (await members()).find((member) => member.user.id === someone.id)!;
    expect((await admin.api.patch(`/${org.organizationId}/members/${added.id}`, { role: "auditor" })).body.data.role).toBe("auditor");
    expect((await admin.api.delete(`/${org.organizationId}/members/${added.id}`)).status).toBe(204);
  });

  test("the last Owner can be neither demoted nor removed (422); with a second Owner, either can go", async ({ playwright, baseURL }) => {
    const ownerMembership = await ownerMembershipId();
    for (const response of [
      await owner.patch(`/${org.organizationId}/members/${ownerMembership}`, { role: "administrator" }),
      await owner.delete(`/${org.organizationId}/members/${ownerMembership}`),
    ]) {
      expect(response.status).toBe(422);
      expect(response.body.error).toBe("validation_failed");
      expect(response.body.message).toMatch(/Owner/);
    }
    const second = await signUp(playwright, baseURL!, "second-owner");
    const secondMembership = await join(second, "owner");
    expect((await second.api.get(`/${org.organizationId}/tokens`)).status).toBe(200);
    // The new Owner demotes the first; now the new one is the last and stays.
    const demoted = await second.api.patch(`/${org.organizationId}/members/${ownerMembership}`, { role: "administrator" });
    expect(demoted.status, demoted.text).toBe(200);
    expect((await second.api.patch(`/${org.organizationId}/members/${secondMembership}`, { role: "member" })).status).toBe(422);
    expect((await second.api.delete(`/${org.organizationId}/members/${secondMembership}`)).status).toBe(422);
    // Restore the original Owner for the other tests.
    expect((await second.api.patch(`/${org.organizationId}/members/${ownerMembership}`, { role: "owner" })).status).toBe(200);
    expect((await owner.delete(`/${org.organizationId}/members/${secondMembership}`)).status).toBe(204);
  });

  test("a key needs the member permissions", async ({ request }) => {
    const created = await owner.post(`/${org.organizationId}/tokens`, { name: "reader", expires: "30d", permissions: [{ permission: "organization:read" }] });
    const reader = apiClient(request, created.body.data.token);
    expect((await reader.get(`/${org.organizationId}/members`)).status).toBe(403);
    expect((await reader.post(`/${org.organizationId}/members`, { email: uniqueEmail("x"), role: "member" })).status).toBe(403);
  });
});

test.describe("keys made by people", () => {
  test("a person's key never exceeds their role; created_by names them", async ({ playwright, baseURL }) => {
    const admin = await signUp(playwright, baseURL!, "key-admin");
    await join(admin, "administrator");
    const allowAll = await admin.api.post(`/${org.organizationId}/tokens`, {
      name: "everything", expires: "30d", permissions: [{ permission: "secret:read" }, { permission: "billing:manage" }, { permission: "organization:delete" }],
    });
    expect(allowAll.status).toBe(403);
    expect(allowAll.body.error).toBe("insufficient_permissions");
    expect(allowAll.body.message).toContain("billing:manage");
    expect(allowAll.body.message).toContain("organization:delete");
    expect(allowAll.body.message).not.toContain("secret:read");

    const made = await admin.api.post(`/${org.organizationId}/tokens`, { name: "deploy", expires: "30d", permissions: [{ permission: "secret:decrypt" }] });
    expect(made.status, made.text).toBe(201);
    const shown = await owner.get(`/${org.organizationId}/tokens/${made.body.data.id}`);
    expect(shown.body.data.created_by).toEqual({ id: admin.id, email: admin.email });

    const dev = await signUp(playwright, baseURL!, "key-dev");
    await join(dev, "developer");
    expect((await dev.api.post(`/${org.organizationId}/tokens`, { name: "x", expires: "30d", permissions: [{ permission: "secret:read" }] })).status).toBe(403);
  });
});

test.describe("teams", () => {
  test("create with members (email or id) and projects; read, list, replace, rename, delete", async ({ playwright, baseURL }) => {
    const alice = await signUp(playwright, baseURL!, "alice");
    const bob = await signUp(playwright, baseURL!, "bob");
    await join(alice, "developer");
    await join(bob, "member");

    const created = await owner.post(`/${org.organizationId}/teams`, { slug: "core", name: "Core", members: [alice.email, bob.id], projects: ["my-app"] });
    expect(created.status, created.text).toBe(201);
    expect(created.body.data).toEqual({
      id: expect.any(String), slug: "core", name: "Core",
      members: [alice, bob].map(({ id, email, name }) => ({ id, email, name })).sort((a, b) => a.email.localeCompare(b.email)),
      projects: ["my-app"], created_at: expect.any(String), updated_at: expect.any(String),
    });
    const read = await owner.get(`/${org.organizationId}/teams/core`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(created.body.data);
    const list = await owner.get(`/${org.organizationId}/teams`);
    expect(list.body.data.map((team: { slug: string }) => team.slug)).toContain("core");
    expect(list.body.meta).toHaveProperty("next_cursor");
    expect((await members()).find((member) => member.user.id === alice.id)?.teams).toEqual(["core"]);

    expect((await owner.post(`/${org.organizationId}/teams`, { slug: "core" })).status).toBe(409);
    const noName = await owner.post(`/${org.organizationId}/teams`, { slug: "empty-team" });
    expect(noName.body.data).toMatchObject({ slug: "empty-team", name: "empty-team", members: [], projects: [] });

    const replaced = await owner.patch(`/${org.organizationId}/teams/core`, { slug: "platform", members: [bob.email], projects: [] });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body.data).toMatchObject({ slug: "platform", name: "Core", members: [{ id: bob.id, email: bob.email, name: bob.name }], projects: [] });
    expect((await owner.get(`/${org.organizationId}/teams/core`)).status).toBe(404);
    expect((await owner.patch(`/${org.organizationId}/teams/platform`, { slug: "empty-team" })).status).toBe(409);

    expect((await owner.delete(`/${org.organizationId}/teams/platform`)).status).toBe(204);
    expect((await owner.get(`/${org.organizationId}/teams/platform`)).status).toBe(404);
    expect((await owner.delete(`/${org.organizationId}/teams/platform`)).status).toBe(404);
    expect((await owner.delete(`/${org.organizationId}/teams/empty-team`)).status).toBe(204);
  });

  test("unknown members or projects are 422, reserved or malformed slugs too, and nothing is created", async ({ playwright, baseURL }) => {
    const outsider = await signUp(playwright, baseURL!, "outsider");
    for (const body of [
      { slug: "t-one", members: [uniqueEmail("nobody")] },
      { slug: "t-one", members: [outsider.email] },
      { slug: "t-one", members: [outsider.id] },
      { slug: "t-one", projects: ["no-such-project"] },
      { slug: "tokens" },
      { slug: "Bad Slug" },
      { slug: "t-one", extra: true },
    ]) {
      const response = await owner.post(`/${org.organizationId}/teams`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toBe("validation_failed");
    }
    expect((await owner.get(`/${org.organizationId}/teams/t-one`)).status).toBe(404);
    expect((await owner.patch(`/${org.organizationId}/teams/t-one`, { name: "x" })).status).toBe(404);
  });

  test("a project given to a team is visible only to its members (for roles that are not org-wide)", async ({ playwright, baseURL }) => {
    const insider = await signUp(playwright, baseURL!, "insider");
    const outsider = await signUp(playwright, baseURL!, "outsider2");
    const auditor = await signUp(playwright, baseURL!, "auditor");
    await join(insider, "developer");
    await join(outsider, "developer");
    await join(auditor, "auditor");
    expect((await owner.post(`/${org.organizationId}/teams`, { slug: "secret-squad", members: [insider.email], projects: ["my-app"] })).status).toBe(201);

    expect((await insider.api.get(`/${org.organizationId}/teams/secret-squad`)).body.data.projects).toEqual(["my-app"]);
    expect((await outsider.api.get(`/${org.organizationId}/teams/secret-squad`)).body.data.projects).toEqual([]);
    expect((await auditor.api.get(`/${org.organizationId}/teams/secret-squad`)).body.data.projects).toEqual(["my-app"]);

    // Where the project endpoints exist, the project itself answers the same way.
    const document = (await owner.get("/openapi.json")).body as { paths: Record<string, unknown> };
    if (document.paths["/{organization}/projects/{project}"]) {
      expect((await insider.api.get(`/${org.organizationId}/projects/my-app`)).status).toBe(200);
      expect((await outsider.api.get(`/${org.organizationId}/projects/my-app`)).status).toBe(404);
      expect((await auditor.api.get(`/${org.organizationId}/projects/my-app`)).status).toBe(200);
    }

    // Taking the project away opens it again.
    expect((await owner.patch(`/${org.organizationId}/teams/secret-squad`, { projects: [] })).status).toBe(200);
    if (document.paths["/{organization}/projects/{project}"]) {
      expect((await outsider.api.get(`/${org.organizationId}/projects/my-app`)).status).toBe(200);
    }
    expect((await owner.delete(`/${org.organizationId}/teams/secret-squad`)).status).toBe(204);
  });

  test("keys: team permissions scoped to a team reach only that team; project access needs project:update", async ({ request }) => {
    expect((await owner.post(`/${org.organizationId}/teams`, { slug: "red" })).status).toBe(201);
    expect((await owner.post(`/${org.organizationId}/teams`, { slug: "blue" })).status).toBe(201);
    const key = async (permissions: unknown[]) => {
      const created = await owner.post(`/${org.organizationId}/tokens`, { name: "team key", expires: "30d", permissions });
      expect(created.status, created.text).toBe(201);
      return { ...(created.body.data as { id: string; token: string; permissions: unknown[] }), api: apiClient(request, created.body.data.token) };
    };
    const red = await key([{ permission: "team:read", scope: { team: "red" } }, { permission: "team:update", scope: { team: "red" } }]);
    expect(red.permissions[0]).toEqual({ permission: "team:read", scope: { team: "red" } });

    const listed = await red.api.get(`/${org.organizationId}/teams`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((team: { slug: string }) => team.slug)).toEqual(["red"]);
    expect((await red.api.get(`/${org.organizationId}/teams/red`)).status).toBe(200);
    expect((await red.api.patch(`/${org.organizationId}/teams/red`, { name: "Red" })).status).toBe(200);
    expect((await red.api.get(`/${org.organizationId}/teams/blue`)).status).toBe(404);
    expect((await red.api.patch(`/${org.organizationId}/teams/blue`, { name: "x" })).status).toBe(404);
    expect((await red.api.delete(`/${org.organizationId}/teams/red`)).status).toBe(403);

    // Creating teams is one thing; handing a project to one changes who sees the project. A project
    // the key cannot see is unknown to it (422); one it sees but may not update is a 403.
    const creator = await key([{ permission: "team:create" }]);
    expect((await creator.api.post(`/${org.organizationId}/teams`, { slug: "green" })).status).toBe(201);
    expect((await creator.api.post(`/${org.organizationId}/teams`, { slug: "yellow", projects: ["my-app"] })).status).toBe(422);
    const viewer = await key([{ permission: "team:create" }, { permission: "project:read" }]);
    const withProject = await viewer.api.post(`/${org.organizationId}/teams`, { slug: "yellow", projects: ["my-app"] });
    expect(withProject.status).toBe(403);
    expect(withProject.body.error).toBe("insufficient_permissions");
    expect((await owner.get(`/${org.organizationId}/teams/yellow`)).status).toBe(404);

    // A scope whose team is deleted shows null and grants nothing.
    expect((await owner.delete(`/${org.organizationId}/teams/red`)).status).toBe(204);
    const shown = await owner.get(`/${org.organizationId}/tokens/${red.id}`);
    expect(shown.body.data.permissions[0]).toEqual({ permission: "team:read", scope: { team: null } });
    expect((await red.api.get(`/${org.organizationId}/teams`)).body.data).toEqual([]);
    for (const slug of ["blue", "green"]) expect((await owner.delete(`/${org.organizationId}/teams/${slug}`)).status).toBe(204);
  });
});
