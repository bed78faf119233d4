"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

// Asks for a reset link. The answer is the same whether or not the address has an account.
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [result, setResult] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const response = await fetch("/api/auth/password-reset", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }) });
    const body = (await response.json().catch(() => null)) as { data?: { message?: string }; message?: string } | null;
    setBusy(false);
    setResult(response.ok ? { tone: "success", message: body?.data?.message ?? "Check your email." } : { tone: "error", message: body?.message ?? "Something went wrong. Try again." });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Reset password">
      {result ? <Alert tone={result.tone}>{result.message}</Alert> : null}
      <Field label="Email" type="email" autoComplete="email" autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
      <Button type="submit" className="w-full" disabled={busy || !email}>
        {busy ? "Sending…" : "Email me a reset link"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
