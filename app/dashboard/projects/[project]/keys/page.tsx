import type { Metadata } from "next";
import { KeysManager } from "@/components/keys/keys-manager";
import type { ProjectKeysState } from "@/lib/client/key-lifecycle";
import { requireDashboard } from "@/lib/auth/dashboard";
import { listKeys, listKeysPlan } from "@/lib/services/keys/key-versions";

export const metadata: Metadata = { title: "Keys" };

// A project's encryption keys (docs/dashboard.md#keys): the API's own listing (its access plan,
// project:read, and its audit record), plus what the person may do here, decided with the same
// authorize() and passed down as flags.
export default async function KeysPage({ params }: { params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  const { context, can, gate } = await requireDashboard();
  const ref = (await gate(listKeysPlan(slug))).level.project;
  // As the API sends it (dates as ISO strings), so the page and its later refetches agree.
  const initial = JSON.parse(JSON.stringify(await listKeys(context, ref))) as { data: ProjectKeysState["versions"]; meta: ProjectKeysState["meta"] };
  const at = { projectId: ref.id, projectTeamIds: ref.teamIds };
  return (
    <KeysManager
      project={{ slug: ref.slug, name: ref.name }}
      initial={{ versions: initial.data, meta: initial.meta }}
      can={{ rotate: can("key:rotate", at), history: can("secret:history", at) }}
    />
  );
}
