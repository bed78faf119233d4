/** zod schemas for grants, for the token-creation body and for reading the `permissions` JSON
 * column. The rules themselves live in scope.ts; this only reports them the zod way. */
import { z } from "zod";
import { PERMISSIONS } from "./catalog";
import { scopeProblems, validateGrant, type Grant, type Scope } from "./scope";

const id = z.string().min(1);

export const scopeSchema = z
  .union([
    z.strictObject({ team: id }),
    z.strictObject({ project: id, target: id.optional(), environment: id.optional() }),
  ])
  .superRefine((scope, ctx) => {
    for (const message of scopeProblems(scope)) ctx.addIssue({ code: "custom", message });
  }) satisfies z.ZodType<Scope>;

export const grantSchema = z
  .strictObject({ permission: z.enum(PERMISSIONS), scope: scopeSchema.optional() })
  .superRefine((grant, ctx) => {
    for (const problem of validateGrant(grant)) {
      if (problem.code === "malformed_scope") continue; // already reported by scopeSchema
      ctx.addIssue({ code: "custom", message: problem.message, path: ["scope"] });
    }
  }) satisfies z.ZodType<Grant>;

export const grantsSchema = z.array(grantSchema);
