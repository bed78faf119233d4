// What the overview page hands its client components: the hierarchy plus, per node, what the
// signed-in person may do there (decided on the server by authorize(); the API decides again).

export type NodeKind = "project" | "target" | "environment";

export interface NodeInfo {
  id: string;
  slug: string;
  name: string;
}

export interface EnvironmentNode extends NodeInfo {
  can: { update: boolean; delete: boolean };
}

export interface TargetNode extends NodeInfo {
  can: { update: boolean; delete: boolean; createEnvironment: boolean };
  environments: EnvironmentNode[];
}

export interface ProjectOverviewData extends NodeInfo {
  custody: "server" | "client";
  keyVersion: number | null;
  keyConfigured: boolean;
  /** The key has been active longer than the project's rotation cadence. */
  rotationOverdue: boolean;
  rotationDueAt: string | null;
  createdAt: string;
  can: { update: boolean; delete: boolean; createTarget: boolean };
  targets: TargetNode[];
}

export const KIND_LABELS: Record<NodeKind, string> = { project: "project", target: "target", environment: "environment" };
