import Link from "next/link";
import { EmptyState } from "@/components/ui/card";

// A level that does not exist and one the person may not see look the same, as in the API (404).
export default function LevelNotFound() {
  return (
    <EmptyState
      title="Level not found"
      action={
        <Link href="/dashboard" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Back to projects
        </Link>
      }
    >
      This project, target or environment does not exist in this organization, or you do not have access to it. Secrets live at
      /secrets, /secrets/&#123;target&#125; and /secrets/&#123;target&#125;/&#123;environment&#125;.
    </EmptyState>
  );
}
