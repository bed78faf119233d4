import "server-only";
import { AppError } from "@/lib/errors";

// Outgoing SMS (docs/running.md#configuration): SMS_PROVIDER chooses a provider; unset, messages
// land in the development outbox (lib/services/mail/outbox.ts) like email without SMTP_URL.
//
//   SMS_PROVIDER=twilio   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM (a number or a
//                         messaging service SID, "MG…")
//   SMS_PROVIDER=webhook  SMS_WEBHOOK_URL receives POST {"to", "text"} as JSON, with
//                         "Authorization: Bearer $SMS_WEBHOOK_TOKEN" when that is set; any 2xx is
//                         delivered. Bridges any other gateway.
//
// Message texts hold sign-in codes, so nothing here logs a text, a number or a credential.

export interface SmsMessage {
  /** E.164, e.g. +14155550123. */
  to: string;
  text: string;
}

export type SmsMode = "twilio" | "webhook" | "outbox";

interface SmsProvider {
  send(message: SmsMessage): Promise<Response>;
}

export function smsMode(): SmsMode {
  const provider = process.env.SMS_PROVIDER?.trim().toLowerCase();
  if (provider === "twilio" || provider === "webhook") return provider;
  return "outbox";
}

function setting(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new AppError("unavailable", `SMS cannot be sent: ${name} is not set (SMS_PROVIDER=${smsMode()}).`);
  return value;
}

const PROVIDERS: Record<Exclude<SmsMode, "outbox">, () => SmsProvider> = {
  twilio: () => {
    const account = setting("TWILIO_ACCOUNT_SID");
    const credentials = Buffer.from(`${account}:${setting("TWILIO_AUTH_TOKEN")}`).toString("base64");
    const from = setting("TWILIO_FROM");
    return {
      send: ({ to, text }) =>
        fetch(`https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(account)}/Messages.json`, {
          method: "POST",
          headers: { Authorization: `Basic ${credentials}`, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ To: to, Body: text, ...(from.startsWith("MG") ? { MessagingServiceSid: from } : { From: from }) }),
          signal: AbortSignal.timeout(10_000),
        }),
    };
  },
  webhook: () => {
    const url = setting("SMS_WEBHOOK_URL");
    const token = process.env.SMS_WEBHOOK_TOKEN?.trim();
    return {
      send: (message) =>
        fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(10_000),
        }),
    };
  },
};

/** Sends through the configured provider; a failure is 503 with the kind of failure only. */
export async function sendSms(message: SmsMessage): Promise<void> {
  const mode = smsMode();
  if (mode === "outbox") throw new Error("sendSms: no SMS provider is configured (messages go to the outbox)");
  let response: Response;
  try {
    response = await PROVIDERS[mode]().send(message);
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error(`[dotenv] sms delivery failed: ${(error as Error)?.name ?? "error"}`);
    throw new AppError("unavailable", "The text message could not be sent. Try again, or use another method.");
  }
  if (!response.ok) {
    console.error(`[dotenv] sms delivery failed: provider answered ${response.status}`);
    throw new AppError("unavailable", "The text message could not be sent. Try again, or use another method.");
  }
}
