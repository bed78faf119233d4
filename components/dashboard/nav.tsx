"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// The dashboard's sections. Later features add their entry here. `organization` sections need a
// current organization; `requires` sections show only to people who hold that permission there
// (the layout asks authorize()); each page still decides on the server what the user may see.
const SECTIONS: { href: string; label: string; match: string[]; organization: boolean; requires?: string }[] = [
  { href: "/dashboard", label: "Projects", match: ["/dashboard", "/dashboard/projects"], organization: true },
  { href: "/dashboard/organizations/members", label: "Members", match: ["/dashboard/organizations/members"], organization: true },
  { href: "/dashboard/organizations/teams", label: "Teams", match: ["/dashboard/organizations/teams"], organization: true },
  { href: "/dashboard/organizations/roles", label: "Roles", match: ["/dashboard/organizations/roles"], organization: true },
  { href: "/dashboard/organizations/api-keys", label: "API keys", match: ["/dashboard/organizations/api-keys"], organization: true },
  { href: "/dashboard/organizations/audit", label: "Audit log", match: ["/dashboard/organizations/audit"], organization: true, requires: "audit:read" },
  { href: "/dashboard/organizations/settings", label: "Settings", match: ["/dashboard/organizations/settings"], organization: true },
  { href: "/dashboard/account", label: "Account", match: ["/dashboard/account"], organization: false },
];

function isActive(pathname: string, match: string[]): boolean {
  return match.some((prefix) => (prefix === "/dashboard" ? pathname === prefix : pathname === prefix || pathname.startsWith(`${prefix}/`)));
}

export function DashboardNav({ hasOrganization, granted = [] }: { hasOrganization: boolean; granted?: string[] }) {
  const pathname = usePathname();
  const visible = SECTIONS.filter((section) => (hasOrganization || !section.organization) && (!section.requires || granted.includes(section.requires)));
  return (
    <nav aria-label="Dashboard" className="flex flex-wrap gap-1">
      {visible.map((section) => {
        const active = isActive(pathname, section.match);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              active ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-white" : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            }`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
