"use client";

import { useState } from "react";
import { regenerateRecoveryCodesAction, removeMethodAction } from "@/app/dashboard/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { TWO_FACTOR_METHODS, type TwoFactorMethodType } from "@/lib/schemas/two-factor";
import { EnrolDialog } from "./enrol-dialog";
import { ReauthDialog } from "./reauth-dialog";
import { RecoveryCodes } from "./recovery-codes";
import { METHOD_NAMES, unwrap, type MethodSummary, type TwoFactorSummary } from "./types";

// The Account page's "Two-factor authentication" section: methods, adding one, removing one and
// regenerating recovery codes (both after re-authentication), and which organizations require it.

type Open = { kind: "enrol"; type: TwoFactorMethodType } | { kind: "remove"; method: MethodSummary } | { kind: "regenerate" } | { kind: "codes"; codes: string[] } | null;

export function TwoFactorSettings({ summary }: { summary: TwoFactorSummary }) {
  const toast = useToast();
  const [open, setOpen] = useState<Open>(null);
  const { methods, recovery_codes: recovery, enforced_by: enforcedBy } = summary;
  const missing = TWO_FACTOR_METHODS.filter((type) => !methods.some((method) => method.type === type));
  const close = () => setOpen(null);

  return (
    <div className="space-y-4">
      {methods.length === 0 ? (
        <Alert tone={enforcedBy.length ? "error" : "info"}>
          Two-factor authentication is off.{" "}
          {enforcedBy.length ? `${enforcedBy.map((organization) => organization.name).join(", ")} ${enforcedBy.length > 1 ? "require" : "requires"} it: set up a method to keep access.` : "Add a method to protect your account beyond its password."}
        </Alert>
      ) : (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Two-factor methods">
          {methods.map((method) => (
            <li key={method.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="two-factor-method" data-type={method.type}>
              <span>
                <span className="font-medium">{METHOD_NAMES[method.type]}</span>
                {method.type !== "totp" ? <span className="ml-2 text-zinc-600 dark:text-zinc-400">{method.detail}</span> : null}
                {method.type === "sms" ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">weakest</span> : null}
                <span className="block text-xs text-zinc-500">Added <time dateTime={method.enabled_at}>{method.enabled_at.slice(0, 10)}</time></span>
              </span>
              <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => setOpen({ kind: "remove", method })} aria-label={`Remove ${METHOD_NAMES[method.type]}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {methods.length > 0 && enforcedBy.length > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Required by {enforcedBy.map((organization) => organization.name).join(", ")}: your last method cannot be removed.</p>
      ) : null}
      {missing.length > 0 ? (
        <div className="flex flex-wrap gap-2">
          {missing.map((type) => (
            <Button key={type} variant={type === "totp" ? "primary" : "secondary"} onClick={() => setOpen({ kind: "enrol", type })}>
              {type === "totp" ? "Set up authenticator app" : type === "email" ? "Use email codes" : "Use text messages (SMS)"}
            </Button>
          ))}
        </div>
      ) : null}
      {methods.length > 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
          <span data-testid="recovery-remaining">
            Recovery codes: <strong>{recovery.remaining}</strong> of {recovery.total} left{recovery.remaining <= 3 ? " — regenerate them soon" : ""}
          </span>
          <Button variant="secondary" onClick={() => setOpen({ kind: "regenerate" })}>Regenerate recovery codes</Button>
        </div>
      ) : null}

      {open?.kind === "enrol" ? <EnrolDialog type={open.type} delivery={summary.delivery} onClose={close} /> : null}
      {open?.kind === "remove" ? (
        <ReauthDialog
          title={`Remove ${METHOD_NAMES[open.method.type].toLowerCase()}?`}
          description="Confirm with your password and a current code."
          confirmLabel="Remove method"
          danger
          methods={methods}
          recoveryCodes={recovery.remaining}
          onClose={close}
          onConfirm={async (input) => {
            await unwrap(removeMethodAction(open.method.id, input));
            toast.success(`${METHOD_NAMES[open.method.type]} was removed.`);
            close();
          }}
        />
      ) : null}
      {open?.kind === "regenerate" ? (
        <ReauthDialog
          title="Regenerate recovery codes?"
          description="Your current recovery codes stop working at once. Confirm with your password and a current code."
          confirmLabel="Regenerate"
          methods={methods}
          recoveryCodes={recovery.remaining}
          onClose={close}
          onConfirm={async (input) => setOpen({ kind: "codes", codes: await unwrap(regenerateRecoveryCodesAction(input)) })}
        />
      ) : null}
      {open?.kind === "codes" ? (
        <Dialog open onClose={() => {}} title="Your new recovery codes">
          <RecoveryCodes codes={open.codes} onDone={close} />
        </Dialog>
      ) : null}
    </div>
  );
}
