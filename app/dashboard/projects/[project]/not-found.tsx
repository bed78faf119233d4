import Link from "next/link";
import { EmptyState } from "@/components/ui/card";

// A project that does not exist and one the person may not see look the same, as in the API (404).
export default function ProjectNotFound() {
  return (
    <EmptyState
      title="Project not found"
      action={
        <Link href="/dashboard" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Back to projects
        </Link>
      }
    >
      It may have been renamed or deleted, or you may not have access to it in this organization. Check the organization switcher.
    </EmptyState>
  );
}
