import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, type OrganizationFixture } from "./support";

// API keys over time (docs/api.md#api-keys), over real HTTP on both databases: rotation with a
// grace period (the old token keeps working until then, is shown, and a new rotation or a delete
// ends it at once, audited), and expiry reminders noticed by the key list.

let org: OrganizationFixture;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
});

const status = async (client: ReturnType<typeof apiClient>) => (await client.get("/whoami")).status;

test("rotation grace: none stops the old token at once; 1h keeps it working, shown on the key; rotating again or deleting ends it", async ({ request }) => {
  const o = org.organizationId;
  const admin = apiClient(request, org.token);
  const created = (await admin.post(`/${o}/tokens`, { name: "deploy", permissions: [{ permission: "organization:read" }], expires: "30d" })).body.data;
  const original = apiClient(request, created.token);

  const strict = await admin.post(`/${o}/tokens/${created.id}/rotate`, { grace: "none" });
  expect(strict.status).toBe(200);
  expect(strict.body.data.previous_token_valid_until).toBeNull();
  expect(await status(original)).toBe(401);

  const graceful = await admin.post(`/${o}/tokens/${created.id}/rotate`, { grace: "1h" });
  const until = new Date(graceful.body.data.previous_token_valid_until).getTime();
  expect(until - Date.now()).toBeGreaterThan(55 * 60_000);
  expect(until - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  const previous = apiClient(request, strict.body.data.token);
  const current = apiClient(request, graceful.body.data.token);
  expect(await status(previous)).toBe(200);
  expect(await status(current)).toBe(200);
  const listed = (await admin.get(`/${o}/tokens`)).body.data.find((key: { id: string }) => key.id === created.id);
  expect(new Date(listed.previous_token_valid_until).getTime()).toBe(until);

  // Only the last replaced token lingers: a new rotation ends the earlier grace period at once.
  const again = await admin.post(`/${o}/tokens/${created.id}/rotate`, { grace: "24h" });
  expect(await status(previous)).toBe(401);
  expect(await status(current)).toBe(200);
  expect((await admin.delete(`/${o}/tokens/${created.id}`)).status).toBe(204);
  expect(await status(current)).toBe(401);
  expect(await status(apiClient(request, again.body.data.token))).toBe(401);

  const ends = (await admin.get(`/${o}/audit?action=token.grace.end&limit=10`)).body.data.filter((event: { metadata: { id: string } }) => event.metadata.id === created.id);
  expect(ends.map((event: { metadata: { reason: string } }) => event.metadata.reason).sort()).toEqual(["revoked", "superseded"]);
  const rotations = (await admin.get(`/${o}/audit?action=token.rotate&limit=10`)).body.data.filter((event: { metadata: { id: string } }) => event.metadata.id === created.id);
  expect(rotations.map((event: { metadata: { grace: string } }) => event.metadata.grace).sort()).toEqual(["1h", "24h", "none"]);

  const invalid = await admin.post(`/${o}/tokens/${(await admin.post(`/${o}/tokens`, { name: "x", permissions: [{ permission: "organization:read" }], expires: "30d" })).body.data.id}/rotate`, { grace: "forever" });
  expect(invalid.status).toBe(422);
});

test("a key expiring within 7 days: the list reminds its creator and the admins once", async ({ request }) => {
  const o = org.organizationId;
  const admin = apiClient(request, org.token);
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const expiring = (await admin.post(`/${o}/tokens`, { name: "nightly export", permissions: [{ permission: "organization:read" }], expires: inThreeDays })).body.data;
  expect((await admin.get(`/${o}/tokens`)).status).toBe(200);
  expect((await admin.get(`/${o}/tokens`)).status).toBe(200);
  const reminders = (await admin.get(`/${o}/audit?action=token.expiry.reminder&limit=20`)).body.data.filter((event: { metadata: { id: string } }) => event.metadata.id === expiring.id);
  expect(reminders).toHaveLength(1);
  expect(reminders[0].metadata).toMatchObject({ kind: "7d", recipients: 1, name: "nightly export" });
  expect(reminders[0].actor).toMatchObject({ type: "system" });
});
