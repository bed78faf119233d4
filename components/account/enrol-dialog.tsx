"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { confirmEnrolmentAction, resendEnrolmentCodeAction, startCodeEnrolmentAction, startTotpAction } from "@/app/dashboard/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeInput } from "@/components/ui/code-input";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TwoFactorMethodType } from "@/lib/schemas/two-factor";
import { RecoveryCodes } from "./recovery-codes";
import { METHOD_NAMES, unwrap, type TwoFactorSummary } from "./types";

// Setting up a method: (SMS: the number →) verify a code → the recovery codes, the first time.

type Started = { method_id: string; secret?: string; qr_code?: string; sent_to?: string };

export function EnrolDialog({ type, delivery, onClose }: { type: TwoFactorMethodType; delivery: TwoFactorSummary["delivery"]; onClose: () => void }) {
  const toast = useToast();
  const router = useRouter();
  const [started, setStarted] = useState<Started | null>(null);
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const began = useRef(false);

  async function begin(input: unknown = {}) {
    setBusy(true);
    setError(null);
    try {
      setStarted(type === "totp" ? await unwrap(startTotpAction()) : await unwrap(startCodeEnrolmentAction(type, input)));
      // Without a mail server or SMS provider the code is in the development outbox on this page.
      if (type !== "totp") router.refresh();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    // Authenticator apps and email start at once; SMS first asks for the number.
    if (type === "sms" || began.current) return;
    began.current = true;
    void begin();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [type]);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!started) return;
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(confirmEnrolmentAction({ method_id: started.method_id, code }));
      if (result.recovery_codes) setRecoveryCodes(result.recovery_codes);
      else {
        toast.success(`${METHOD_NAMES[type]} is on.`);
        onClose();
      }
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    if (!started) return;
    try {
      await unwrap(resendEnrolmentCodeAction(started.method_id));
      toast.success("A new code is on its way.");
      router.refresh();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  const outbox = (type === "email" && delivery.email === "outbox") || (type === "sms" && delivery.sms === "outbox");
  return (
    <Dialog open onClose={recoveryCodes ? () => {} : onClose} title={recoveryCodes ? "Save your recovery codes" : `Set up ${METHOD_NAMES[type].toLowerCase()}`}>
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          onDone={() => {
            toast.success("Two-factor authentication is on.");
            onClose();
          }}
        />
      ) : (
        <div className="space-y-4">
          {type === "sms" ? <Alert>Text messages are the weakest method (numbers can be hijacked). Prefer an authenticator app where you can.</Alert> : null}
          {outbox ? (
            <Alert tone="error">
              This server does not deliver {type === "sms" ? "text messages (SMS_PROVIDER is unset)" : "email (SMTP_URL is unset)"}: codes go to the development outbox
              on your Account page, so they add no protection here. Use an authenticator app.
            </Alert>
          ) : null}
          {type === "sms" && !started ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void begin({ phone });
              }}
              className="space-y-3"
            >
              <Field label="Phone number" type="tel" autoComplete="tel" placeholder="+14155550123" hint="International format: +, country code, number." value={phone} onChange={(event) => setPhone(event.target.value)} />
              {error ? <Alert tone="error">{error}</Alert> : null}
              <DialogActions>
                <Button type="button" variant="secondary" onClick={onClose}>Cancel</Button>
                <Button type="submit" disabled={busy || phone.trim().length < 8}>{busy ? "Sending…" : "Send code"}</Button>
              </DialogActions>
            </form>
          ) : started ? (
            <form onSubmit={confirm} className="space-y-4" aria-label="Verify the code">
              {type === "totp" ? (
                <div className="space-y-3 text-sm">
                  <p>Scan this QR code with your authenticator app (1Password, Google Authenticator, Authy…).</p>
                  {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
                  <img src={started.qr_code} alt="QR code for your authenticator app" width={180} height={180} className="rounded bg-white p-2" />
                  <p className="text-zinc-600 dark:text-zinc-400">Can&apos;t scan it? Enter this key in the app:</p>
                  <code data-testid="totp-secret" className="block rounded bg-zinc-100 px-2 py-1 font-mono break-all select-all dark:bg-zinc-800">
                    {started.secret?.match(/.{1,4}/g)?.join(" ")}
                  </code>
                </div>
              ) : (
                <p className="text-sm">
                  We sent a 6-digit code to <strong>{started.sent_to}</strong>. It expires in 10 minutes.{" "}
                  <button type="button" onClick={resend} className="text-indigo-600 hover:underline dark:text-indigo-400">Send a new code</button>
                </p>
              )}
              <CodeInput label="Verification code" value={code} onValueChange={setCode} error={error} autoFocus />
              <DialogActions>
                <Button type="button" variant="secondary" onClick={onClose}>Cancel</Button>
                <Button type="submit" disabled={busy || code.length !== 6}>{busy ? "Verifying…" : "Verify and turn on"}</Button>
              </DialogActions>
            </form>
          ) : (
            <>
              {error ? <Alert tone="error">{error}</Alert> : <p className="text-sm text-zinc-500">Preparing…</p>}
              <DialogActions>
                <Button type="button" variant="secondary" onClick={onClose}>Close</Button>
              </DialogActions>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
