import { AppError } from "@/lib/errors";
import { ImmutableKeyError } from "./immutable-keys";

// Maps database failures to the application's errors: a unique violation is a conflict, a missing
// row is "not found". Anything else is re-thrown untouched (and becomes a logged 503/500 upstream).
export function mapDatabaseError(error: unknown, what = "That resource"): never {
  const code = (error as { code?: unknown })?.code;
  if (code === "P2002") throw new AppError("already_exists", `${what} already exists.`);
  if (code === "P2025") throw new AppError("not_found", `${what} was not found.`);
  if (error instanceof ImmutableKeyError) throw new AppError("validation_failed", error.message);
  throw error;
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === "P2002";
}
