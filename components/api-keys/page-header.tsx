import Link from "next/link";
import type { ReactNode } from "react";

// Breadcrumb back to the list, a title and an optional line under it.
export function ApiKeysHeader({ title, children, crumbs = [] }: { title?: string; children?: ReactNode; crumbs?: { href: string; label: string }[] }) {
  return (
    <div className="space-y-1">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
        <ol className="flex flex-wrap gap-1">
          <li><Link href="/dashboard/organizations/api-keys" className="hover:underline">API keys</Link></li>
          {crumbs.map((crumb) => (
            <li key={crumb.href}>/ <Link href={crumb.href} className="hover:underline">{crumb.label}</Link></li>
          ))}
        </ol>
      </nav>
      {title ? <h1 className="text-2xl font-semibold">{title}</h1> : null}
      {children ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p> : null}
    </div>
  );
}
