"use client";

import { useState, type FormEvent } from "react";
import { changePasswordAction } from "@/app/dashboard/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_HINT, passwordPolicyIssue } from "@/lib/schemas/password-policy";

// Change password: the current one, then the new one (policy checked here and on the server).
// Every other session is signed out.
export function PasswordForm({ email }: { email: string }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<{ current?: string; next?: string; form?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const issue = passwordPolicyIssue(next, email);
    if (issue) return setErrors({ next: issue });
    setBusy(true);
    setErrors({});
    const result = await changePasswordAction({ current_password: current, new_password: next });
    setBusy(false);
    if (!result.ok) {
      const details = (result.error.details ?? []) as { path: string; message: string }[];
      const on = (path: string) => details.find((detail) => detail.path === path)?.message;
      setErrors({ current: on("current_password"), next: on("new_password"), form: on("current_password") || on("new_password") ? undefined : result.error.message });
      return;
    }
    setCurrent("");
    setNext("");
    const count = result.data.sessions_signed_out;
    setDone(`Password changed.${count ? ` ${count} other session${count > 1 ? "s were" : " was"} signed out.` : ""}`);
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4" aria-label="Change password">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Field label="Current password" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} error={errors.current} />
      <Field label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={next} onChange={(event) => setNext(event.target.value)} error={errors.next} />
      <Button type="submit" disabled={busy || !current || !next}>{busy ? "Changing…" : "Change password"}</Button>
    </form>
  );
}
