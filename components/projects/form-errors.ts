import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError, errorMessage } from "@/lib/client/api";

// Puts the API's refusal where the person is looking: a 422's `details[].path` onto that field, a
// duplicate slug (409 already_exists) onto the slug field. Returns the message for anything that
// belongs to no field (to show in an alert or a toast), or null when every problem found a field.

export function applyApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.code === "already_exists" && fields.includes("slug" as Path<T>)) {
    setError("slug" as Path<T>, { type: "server", message: `${error.message} Choose another slug.` }, { shouldFocus: true });
    return null;
  }
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : [];
  let placed = 0;
  for (const detail of details) {
    const path = typeof detail.path === "string" ? detail.path : "";
    // The API names body fields as-is ("slug"); a nested path such as "key.salt" maps to its root.
    const field = fields.find((name) => name === path || path.startsWith(`${name}.`));
    if (field && typeof detail.message === "string") {
      setError(field, { type: "server", message: detail.message }, { shouldFocus: placed === 0 });
      placed++;
    }
  }
  return placed > 0 && placed === details.length ? null : error.message;
}
