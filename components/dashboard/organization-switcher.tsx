"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchOrganizationAction } from "@/app/dashboard/actions";

interface Organization {
  id: string;
  name: string;
}

export function OrganizationSwitcher({ organizations, currentId }: { organizations: Organization[]; currentId: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function onChange(value: string) {
    if (value === "__new") {
      router.push("/dashboard/organizations/new");
      return;
    }
    startTransition(async () => {
      await switchOrganizationAction(value);
      router.refresh();
    });
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Organization</span>
      <select
        aria-label="Organization"
        className="max-w-56 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        value={currentId ?? "__new"}
        disabled={pending}
        onChange={(event) => onChange(event.target.value)}
      >
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
        <option value="__new">+ New organization…</option>
      </select>
    </label>
  );
}
