import { AppError } from "@/lib/errors";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Reads a JSON object body of at most `maxBytes`: 413 when larger, 400 when not a JSON object.
 * With `emptyIsObject`, no body at all counts as `{}` (a POST whose fields are all optional).
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_BODY_LIMIT, { emptyIsObject = false } = {}): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  if (emptyIsObject && text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new AppError("invalid_request", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
}
