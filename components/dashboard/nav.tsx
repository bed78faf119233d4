"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// The dashboard's sections. Later features add their entry here.
const SECTIONS = [
  { href: "/dashboard", label: "Projects", exact: true },
  { href: "/dashboard/account", label: "Account", exact: false },
];

export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="flex gap-1">
      {SECTIONS.map((section) => {
        const active = section.exact ? pathname === section.href : pathname.startsWith(section.href);
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
