"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendReauthenticationCodeAction } from "@/app/dashboard/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeInput } from "@/components/ui/code-input";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { TwoFactorMethodType } from "@/lib/schemas/two-factor";
import { METHOD_NAMES, unwrap, type MethodSummary } from "./types";

// Re-authentication before a security change: the password and a current second factor.

export function ReauthDialog({
  title, description, confirmLabel, methods, recoveryCodes, onConfirm, onClose, danger = false,
}: {
  title: string;
  description: string;
  confirmLabel: string;
  methods: MethodSummary[];
  recoveryCodes: number;
  onConfirm: (input: { password: string; second_factor: { method: string; code: string } }) => Promise<void>;
  onClose: () => void;
  danger?: boolean;
}) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [method, setMethod] = useState<TwoFactorMethodType | "recovery">(methods[0]?.type ?? "recovery");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm({ password, second_factor: { method, code } });
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }

  async function send() {
    if (method !== "email" && method !== "sms") return;
    try {
      const sent = await unwrap(sendReauthenticationCodeAction(method));
      setNotice(`Code sent to ${sent.sent_to}.`);
      router.refresh();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <Dialog open onClose={onClose} title={title} description={description}>
      <form onSubmit={submit} className="space-y-4" aria-label={title}>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} autoFocus />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Second factor</legend>
          <div className="flex flex-wrap gap-3 text-sm">
            {[...methods.map((item) => item.type), ...(recoveryCodes > 0 ? (["recovery"] as const) : [])].map((option) => (
              <label key={option} className="flex items-center gap-1.5">
                <input type="radio" name="reauth-method" checked={method === option} onChange={() => { setMethod(option); setCode(""); setNotice(null); }} />
                {option === "recovery" ? "Recovery code" : METHOD_NAMES[option]}
              </label>
            ))}
          </div>
          {method === "email" || method === "sms" ? (
            <p className="text-sm">
              <Button type="button" variant="secondary" onClick={send}>Send a code</Button> {notice ? <span role="status">{notice}</span> : null}
            </p>
          ) : null}
          {method === "recovery" ? (
            <Field label="Recovery code" autoComplete="off" value={code} onChange={(event) => setCode(event.target.value)} className="font-mono" />
          ) : (
            <CodeInput label="Verification code" value={code} onValueChange={setCode} />
          )}
        </fieldset>
        <DialogActions>
          <Button type="button" variant="secondary" onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={busy || !password || !code}>{busy ? "Checking…" : confirmLabel}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
