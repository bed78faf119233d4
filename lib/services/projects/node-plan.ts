import type { LevelPath } from "@/lib/schemas/secrets";
import { check, plan } from "../access/plan";

// Access plans of targets and environments: listing and creating are asked about the parent level
// (the project for targets, the target for environments; lib/authz README), reading, renaming and
// deleting about the node itself. `level` is what the path names in each case.

export type NodeVerb = "list" | "create" | "read" | "update" | "delete";

export function nodePlan(node: "target" | "environment", verb: NodeVerb, level: LevelPath) {
  const permission = `${node}:${verb === "list" ? "read" : verb}` as const;
  return plan(`${node}.${verb}`, [check(permission, "level", { listing: verb === "list" })], { level });
}
