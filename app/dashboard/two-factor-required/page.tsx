import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getOrganizationsAndCurrent } from "@/lib/auth/current-organization";
import { requireUser } from "@/lib/auth/session";
import { twoFactorStanding } from "@/lib/services/two-factor/standing";

export const metadata: Metadata = { title: "Two-factor authentication required" };

// Where every page of an organization sends a member whose 2FA grace period is over. The Account
// page (to enrol) and other organizations (the switcher above) stay reachable.
export default async function TwoFactorRequiredPage() {
  const user = await requireUser();
  const { current, organizations } = await getOrganizationsAndCurrent(user.id);
  const standing = current ? await twoFactorStanding(user.id, current.id) : null;
  if (!standing || standing.state !== "restricted") redirect("/dashboard");
  return (
    <Card className="mx-auto max-w-xl p-6">
      <h1 className="text-xl font-semibold">Your organization requires two-factor authentication</h1>
      <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
        {standing.organizationName} requires every member to use two-factor authentication since{" "}
        <time dateTime={standing.graceEndsAt.toISOString()}>{standing.graceEndsAt.toISOString().slice(0, 16).replace("T", " ")} UTC</time>. Until you set it up,
        its projects, secrets and settings are out of reach. Your access comes back as soon as you do.
      </p>
      <Link href="/dashboard/account#two-factor" className="mt-5 inline-flex rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Set up two-factor authentication
      </Link>
      {organizations.length > 1 ? <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">Your other organizations are unaffected: switch to one with the organization menu above.</p> : null}
    </Card>
  );
}
