"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeInput } from "@/components/ui/code-input";
import { Field } from "@/components/ui/field";
import { safeCallback } from "@/lib/client/safe-callback";
import type { TwoFactorMethodType } from "@/lib/schemas/two-factor";

// The second step of signing in: a code from one of the person's methods, or a recovery code.
// "Try another way" lists the others. Wrong codes are limited (the server answers 429 with a wait).

type Choice = TwoFactorMethodType | "recovery";

const PROMPTS: Record<Choice, string> = {
  totp: "Enter the 6-digit code from your authenticator app.",
  email: "We email you a 6-digit code.",
  sms: "We text you a 6-digit code.",
  recovery: "Enter one of the recovery codes you saved when you set up two-factor authentication. Each works once.",
};
const NAMES: Record<Choice, string> = { totp: "Authenticator app", email: "Email code", sms: "Text message (SMS)", recovery: "Use a recovery code" };

async function post(path: string, body: unknown): Promise<{ ok: boolean; status: number; message?: string; data?: Record<string, unknown>; retryAfter?: string | null }> {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const json = (await response.json().catch(() => null)) as { message?: string; data?: Record<string, unknown> } | null;
  return { ok: response.ok, status: response.status, message: json?.message, data: json?.data, retryAfter: response.headers.get("Retry-After") };
}

export function TwoFactorChallenge({ methods, recoveryCodes, callbackUrl }: { methods: { type: TwoFactorMethodType; detail: string }[]; recoveryCodes: number; callbackUrl: string | null }) {
  const router = useRouter();
  const [choice, setChoice] = useState<Choice>(methods[0]?.type ?? "recovery");
  const [showOthers, setShowOthers] = useState(false);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = methods.find((method) => method.type === choice);
  const choices: Choice[] = [...methods.map((method) => method.type), ...(recoveryCodes > 0 ? (["recovery"] as const) : [])];

  function choose(next: Choice) {
    setChoice(next);
    setCode("");
    setError(null);
    setNotice(null);
    setShowOthers(false);
  }

  async function sendCode() {
    setBusy(true);
    setError(null);
    const result = await post("/api/auth/two-factor/send", { method: choice });
    setBusy(false);
    if (!result.ok) return setError(result.message ?? "The code could not be sent. Try again.");
    setNotice(`Code sent to ${String(result.data?.sent_to ?? current?.detail ?? "you")}. It expires in 10 minutes.`);
    router.refresh(); // the development outbox below shows the new message
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await post("/api/auth/two-factor/verify", { method: choice, code });
    if (result.ok) {
      router.replace(safeCallback(callbackUrl));
      router.refresh();
      return;
    }
    setBusy(false);
    if (result.status === 429) setError(`${result.message ?? "Too many wrong codes."}${result.retryAfter ? ` Try again in ${Math.ceil(Number(result.retryAfter) / 60)} minutes.` : ""}`);
    // The pending session itself ended (10 minutes, or signed out elsewhere): start over.
    else if (result.status === 401 && /^This sign-in has/.test(result.message ?? "")) router.replace("/login");
    else setError(result.message ?? "Invalid code.");
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Two-factor authentication">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{NAMES[choice]}</span>
          {current && current.type !== "totp" ? ` (${current.detail})` : ""} — {PROMPTS[choice]}
        </p>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {choice === "email" || choice === "sms" ? (
          <Button type="button" variant="secondary" onClick={sendCode} disabled={busy}>
            {notice ? "Send a new code" : `Send a code to ${current?.detail}`}
          </Button>
        ) : null}
        {choice === "recovery" ? (
          <Field label="Recovery code" autoComplete="off" autoCapitalize="none" spellCheck={false} value={code} onChange={(event) => setCode(event.target.value)} error={error ?? undefined} className="font-mono" autoFocus />
        ) : (
          <CodeInput label="Verification code" value={code} onValueChange={setCode} error={error} autoFocus />
        )}
        <Button type="submit" className="w-full" disabled={busy || (choice === "recovery" ? code.trim().length < 16 : code.length !== 6)}>
          {busy ? "Checking…" : "Verify"}
        </Button>
      </form>
      {choices.length > 1 ? (
        <div className="border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
          <button type="button" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" aria-expanded={showOthers} onClick={() => setShowOthers(!showOthers)}>
            Try another way
          </button>
          {showOthers ? (
            <ul className="mt-2 space-y-1" aria-label="Other ways to verify">
              {choices.filter((other) => other !== choice).map((other) => (
                <li key={other}>
                  <button type="button" className="text-zinc-700 hover:underline dark:text-zinc-300" onClick={() => choose(other)}>
                    {NAMES[other]}
                    {other !== "recovery" && other !== "totp" ? ` (${methods.find((method) => method.type === other)?.detail})` : ""}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p className="text-center text-sm">
        <button type="button" className="text-zinc-600 hover:underline dark:text-zinc-400" onClick={() => signOut({ callbackUrl: "/login" })}>
          Cancel and sign in as someone else
        </button>
      </p>
    </div>
  );
}
