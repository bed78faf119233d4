import { expect, test } from "@playwright/test";
import { importDataKey, sealBlob } from "../../lib/crypto";
import { apiClient, createOrganization } from "./support";

// The organization over the API (docs/api.md#organization): rename, history retention (pruned at
// the next write, never the current version, audited), and deletion — Owner only, with the name
// typed again, a dry run that says what would be lost, and everything gone afterwards.

test("rename and history retention: set, shown, validated, audited", async ({ request }, testInfo) => {
  const org = createOrganization(testInfo, "Settings API");
  const api = apiClient(request, org.token);
  const path = `/${org.organizationId}`;
  expect((await api.get(path)).body.data).toMatchObject({ id: org.organizationId, name: "Settings API", history_retention: null });

  const patched = await api.patch(path, { name: "Settings API (renamed)", history_retention: { versions: 10, days: 30 } });
  expect(patched.status, patched.text).toBe(200);
  expect(patched.body.data).toMatchObject({ name: "Settings API (renamed)", history_retention: { versions: 10, days: 30 } });
  expect((await api.get(path)).body.data.history_retention).toEqual({ versions: 10, days: 30 });

  for (const body of [{}, { history_retention: { versions: 9 } }, { history_retention: { versions: 1001 } }, { history_retention: { days: 0 } }, { name: "" }, { slug: "x" }]) {
    const refused = await api.patch(path, body);
    expect.soft(refused.status, JSON.stringify(body)).toBe(422);
    expect.soft(refused.body.error, JSON.stringify(body)).toBe("validation_failed");
  }
  const [update] = (await api.get(`${path}/audit?action=organization.update&limit=1`)).body.data;
  expect(update.metadata).toEqual({
    name: "Settings API (renamed)", previous_name: "Settings API", history_retention: { versions: 10, days: 30 }, previous_history_retention: null,
  });

  // A key without organization:update is refused; with organization:read only it may read.
  const reader = await api.post(`${path}/tokens`, { name: "reader", expires: "30d", permissions: [{ permission: "organization:read" }] });
  const asReader = apiClient(request, reader.body.data.token);
  expect((await asReader.patch(path, { name: "nope" })).status).toBe(403);
  expect((await asReader.delete(path, { confirm: "Settings API (renamed)" })).status).toBe(403);
  expect((await asReader.get(path)).status).toBe(200);
});

test("retention by count: a write prunes the oldest versions beyond the limit, never the current one", async ({ request }, testInfo) => {
  const org = createOrganization(testInfo);
  const api = apiClient(request, org.token);
  const id = org.organizationId;
  const dataKey = await importDataKey((await api.post(`/${id}/secrets/retrieve`, { project: "my-app", action: "key:retrieve" })).body.data.data_key);
  const level = { project: "my-app", target: "backend", environment: "production" };
  const versionsUrl = `/${id}/my-app/backend/production/secrets/versions?limit=100`;
  for (let index = 0; index < 11; index++) {
    const stored = await api.post(`/${id}/secrets/store`, { ...level, content: await sealBlob(dataKey, { VALUE: `v${index}` }) });
    expect(stored.status, stored.text).toBe(200);
  }
  const before: { version: number; current: boolean }[] = (await api.get(versionsUrl)).body.data;
  expect(before.length).toBe(12); // the seed's version and eleven writes

  expect((await api.patch(`/${id}`, { history_retention: { versions: 10 } })).status).toBe(200);
  // Nothing happens until the level's next write…
  expect((await api.get(versionsUrl)).body.data).toHaveLength(12);
  const stored = await api.post(`/${id}/secrets/store`, { ...level, content: await sealBlob(dataKey, { VALUE: "latest" }) });
  const after: { version: number; current: boolean }[] = (await api.get(versionsUrl)).body.data;
  expect(after).toHaveLength(10);
  expect(after[0]).toMatchObject({ version: stored.body.data.version, current: true });
  expect(after.at(-1)!.version).toBe(stored.body.data.version - 9);
  // …which records what it pruned.
  const [write] = (await api.get(`/${id}/audit?action=secret.write&limit=1`)).body.data;
  expect(write.metadata).toMatchObject({ version: stored.body.data.version, versions_pruned: 3 });
});

test("delete: Owner only, the name typed again, a dry run first; then everything is gone", async ({ request }, testInfo) => {
  const org = createOrganization(testInfo, "Doomed API Org");
  const api = apiClient(request, org.token);
  const path = `/${org.organizationId}`;
  const admin = await api.post(`${path}/tokens`, {
    name: "admin", expires: "30d",
    permissions: ["organization:read", "organization:update", "audit:read"].map((permission) => ({ permission })),
  });
  expect((await apiClient(request, admin.body.data.token).delete(path, { confirm: "Doomed API Org" })).status).toBe(403);

  const preview = await api.delete(`${path}?dry_run=true`);
  expect(preview.status, preview.text).toBe(200);
  expect(preview.body.data).toMatchObject({
    organization: { id: org.organizationId, name: "Doomed API Org" }, dry_run: true,
    will_delete: { projects: 1, targets: 1, environments: 1, members: 1, api_keys: 2 },
  });
  expect(preview.body.data.will_delete.audit_events).toBeGreaterThan(0);

  for (const body of [undefined, {}, { confirm: "doomed api org" }, { confirm: org.organizationId }]) {
    const refused = await api.delete(path, body);
    expect.soft(refused.status, JSON.stringify(body)).toBe(422);
    expect.soft(refused.body.error, JSON.stringify(body)).toBe("confirmation_required");
  }
  expect((await api.get(path)).status).toBe(200);

  const deleted = await api.delete(path, { confirm: "Doomed API Org" });
  expect(deleted.status, deleted.text).toBe(204);
  // Its keys went with it.
  const after = await api.get(path);
  expect(after.status).toBe(401);
  expect(after.body.error).toBe("invalid_token");
});
