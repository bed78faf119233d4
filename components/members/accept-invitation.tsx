"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { INVITATION_SECRET_PATTERN } from "@/lib/schemas/invitations";

// Where the secret lives between opening the link and accepting: read from the fragment, then
// removed from the address bar (so it is not left in history or shown on a shared screen) and kept
// in this tab's sessionStorage only — never a cookie, never a URL the server sees — so signing in
// first in the same tab still finds it. It is dropped once the invitation is used or refused.
const STORAGE_KEY = "dotenv.invitation";
const CALLBACK = "/invitations/accept";

type Outcome =
  | { kind: "accepted"; organization: string; role: string; alreadyMember: boolean }
  | { kind: "error"; message: string; keep: boolean };

function takeSecret(): string | null {
  const fromHash = window.location.hash.slice(1);
  if (fromHash) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    if (INVITATION_SECRET_PATTERN.test(fromHash)) {
      sessionStorage.setItem(STORAGE_KEY, fromHash);
      return fromHash;
    }
    sessionStorage.removeItem(STORAGE_KEY);
    return "";
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

export function AcceptInvitation({ user }: { user: { email: string; name: string } | null }) {
  const router = useRouter();
  // undefined: not read yet (first render, and on the server).
  const [secret, setSecret] = useState<string | null | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    // The fragment exists only in the browser, so it is read after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSecret(takeSecret());
  }, []);

  async function accept() {
    if (!secret) return;
    setPending(true);
    setOutcome(null);
    try {
      const response = await fetch("/api/invitations/accept", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ secret }),
        credentials: "same-origin",
        cache: "no-store",
      });
      const body = (await response.json().catch(() => null)) as
        | { data?: { status: string; organization: { name: string }; role_label: string }; message?: string; details?: { reason?: string } }
        | null;
      if (response.ok && body?.data) {
        sessionStorage.removeItem(STORAGE_KEY);
        setOutcome({ kind: "accepted", organization: body.data.organization.name, role: body.data.role_label, alreadyMember: body.data.status === "already_member" });
        router.refresh();
        return;
      }
      // A wrong account may still sign in with the right one in this tab; anything else is final.
      const keep = body?.details?.reason === "wrong_account" || response.status === 401;
      if (!keep) sessionStorage.removeItem(STORAGE_KEY);
      setOutcome({ kind: "error", message: body?.message ?? "The invitation could not be accepted. Try again.", keep });
    } catch {
      setOutcome({ kind: "error", message: "Could not reach the server. Check your connection and try again.", keep: true });
    } finally {
      setPending(false);
    }
  }

  if (secret === undefined) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Reading your invitation…</p>;

  if (outcome?.kind === "accepted") {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Welcome to {outcome.organization}</h1>
        <Alert tone="success">
          {outcome.alreadyMember ? `You were already a member of ${outcome.organization} (as ${outcome.role}).` : `You joined ${outcome.organization} as ${outcome.role}.`}
        </Alert>
        <Link href="/dashboard" className="inline-flex rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Go to the dashboard
        </Link>
      </div>
    );
  }

  if (!secret) {
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold">Accept an invitation</h1>
        <Alert tone="error">
          {secret === "" ? "This invitation link is incomplete or damaged." : "No invitation link was opened in this tab."} Open the link from your
          invitation email again — the whole link, including the part after “#”.
        </Alert>
      </div>
    );
  }

  if (!user) {
    const query = `?callbackUrl=${encodeURIComponent(CALLBACK)}`;
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">You&apos;ve been invited to DotEnv</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          To accept, sign in — or create an account — with the email address the invitation was sent to. Do it in this tab and you will be brought
          back here; otherwise, open the link from the email again afterwards.
        </p>
        <div className="flex flex-wrap gap-2">
          <Link href={`/login${query}`} className="inline-flex rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            Sign in
          </Link>
          <Link
            href={`/signup${query}`}
            className="inline-flex rounded-md border border-zinc-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            Create an account
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Accept your invitation</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        You are signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{user.email}</span>. Accepting adds you to the organization
        with the role you were invited with.
      </p>
      {outcome?.kind === "error" ? <Alert tone="error">{outcome.message}</Alert> : null}
      {outcome?.kind === "error" && !outcome.keep ? (
        <Link href="/dashboard" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Go to the dashboard
        </Link>
      ) : (
        <Button onClick={accept} disabled={pending}>
          {pending ? "Accepting…" : "Accept invitation"}
        </Button>
      )}
    </div>
  );
}
