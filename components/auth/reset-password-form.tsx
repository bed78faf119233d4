"use client";

import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_HINT, passwordRuleIssue } from "@/lib/schemas/password-policy";

// The reset link carries its secret in the fragment (#…), which the browser never sends to a
// server; it is read here and posted in a body, then removed from the address bar.
export function ResetPasswordForm() {
  const [token, setToken] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Reading the fragment once, after hydration: it exists only in the browser.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setToken(window.location.hash.slice(1) || "");
    window.history.replaceState(null, "", window.location.pathname);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const issue = passwordRuleIssue(password);
    if (issue) return setError(issue);
    setBusy(true);
    setError(null);
    const response = await fetch("/api/auth/password-reset/complete", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token, password }) });
    const body = (await response.json().catch(() => null)) as { data?: { message?: string }; message?: string } | null;
    setBusy(false);
    if (response.ok) setDone(body?.data?.message ?? "Your password was changed.");
    else setError(body?.message ?? "Something went wrong. Try again.");
  }

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{done}</Alert>
        <Link href="/login" className="block text-center text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Sign in
        </Link>
      </div>
    );
  }
  if (token === "") return <Alert tone="error">This link has no reset code. Open the link from the email again, or ask for a new one.</Alert>;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Choose a new password">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={password} onChange={(event) => setPassword(event.target.value)} />
      <Button type="submit" className="w-full" disabled={busy || token === null}>
        {busy ? "Saving…" : "Set new password"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="text-indigo-600 hover:underline dark:text-indigo-400">Ask for a new link</Link>
      </p>
    </form>
  );
}
