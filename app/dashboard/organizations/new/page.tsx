import type { Metadata } from "next";
import { CreateOrganizationForm } from "@/components/dashboard/create-organization-form";

export const metadata: Metadata = { title: "New organization" };

export default function NewOrganizationPage() {
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">New organization</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">You will be its Owner. Projects, members and API keys belong to one organization.</p>
      </div>
      <CreateOrganizationForm />
    </div>
  );
}
