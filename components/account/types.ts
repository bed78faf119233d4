import type { TwoFactorMethodType } from "@/lib/schemas/two-factor";

// What the Account page hands its client components (dates as ISO strings).

export interface MethodSummary {
  id: string;
  type: TwoFactorMethodType;
  detail: string;
  enabled_at: string;
}

export interface TwoFactorSummary {
  methods: MethodSummary[];
  recovery_codes: { remaining: number; total: number };
  enforced_by: { id: string; name: string }[];
  /** How codes travel on this server: "outbox" means they are only kept in the development outbox. */
  delivery: { email: "smtp" | "outbox"; sms: "twilio" | "webhook" | "outbox" };
}

export const METHOD_NAMES: Record<TwoFactorMethodType, string> = { totp: "Authenticator app", email: "Email codes", sms: "Text message (SMS) codes" };

/** The error of a server action result, thrown so callers can `catch` one way. */
export class ActionFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export async function unwrap<T>(result: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new ActionFailure(settled.error.code, settled.error.message);
  return settled.data;
}
