import type { z } from "zod";
import { AppError } from "@/lib/errors";

// The one way input is validated, at the boundary, by the schema that also documents it: the API
// router (path, query, body), server actions and the few route handlers outside /api/v1 all call
// this. A failure is 400 `invalid_request` (query strings) or 422 `validation_failed` (bodies), with
// every issue in `details` and the first one in the message.

export type InputProblem = "invalid_request" | "validation_failed";

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, code: InputProblem = "validation_failed"): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = details[0];
  const message = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : code === "invalid_request" ? "The query string is not valid." : "The request body is not valid.";
  throw new AppError(code, message, { details });
}
