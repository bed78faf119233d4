import Link from "next/link";

// During an organization's grace period, members without 2FA are told when access stops and where
// to enrol (docs/security.md#two-factor-authentication).
export function TwoFactorBanner({ organizationName, graceEndsAt, now }: { organizationName: string; graceEndsAt: string; now: string }) {
  const left = new Date(graceEndsAt).getTime() - new Date(now).getTime();
  const days = Math.floor(left / 86_400_000);
  const hours = Math.max(1, Math.ceil((left % 86_400_000) / 3_600_000));
  const countdown = days >= 1 ? `${days} day${days > 1 ? "s" : ""}${days < 3 ? ` ${hours} h` : ""}` : `${Math.max(1, Math.ceil(left / 3_600_000))} hour${left > 3_600_000 ? "s" : ""}`;
  return (
    <div role="status" data-testid="two-factor-banner" className="border-b border-amber-300 bg-amber-50 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 py-2">
        <strong>{organizationName} requires two-factor authentication.</strong>
        <span>
          Set it up within <span data-testid="two-factor-countdown">{countdown}</span> (by{" "}
          <time dateTime={graceEndsAt} title={graceEndsAt}>{graceEndsAt.slice(0, 16).replace("T", " ")} UTC</time>) to keep access.
        </span>
        <Link href="/dashboard/account#two-factor" className="font-medium underline">Set up two-factor authentication</Link>
      </p>
    </div>
  );
}
