"use client";

import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { applyTheme, type Theme } from "@/lib/client/theme";

// The dashboard's navigation on narrow screens: below the md breakpoint the section links (the
// children: the one DashboardNav, never a second copy) fold behind a Menu button, together with the
// theme; from md up they sit inline in the header as before. Closes on navigation.

export function NavigationMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  if (open && openedAt !== pathname) setOpen(false);

  return (
    <>
      <button
        type="button"
        className="inline-flex items-center gap-1.5 rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm md:hidden dark:border-zinc-700"
        aria-expanded={open}
        aria-controls="dashboard-menu"
        onClick={() => {
          setOpenedAt(pathname);
          setOpen(!open);
        }}
      >
        <span aria-hidden="true">{open ? "✕" : "☰"}</span> Menu
      </button>
      <div id="dashboard-menu" className={open ? "order-last w-full space-y-3 border-t border-zinc-200 pt-3 md:order-none md:w-auto md:border-0 md:pt-0 dark:border-zinc-800" : "hidden md:block"}>
        {children}
        <ThemeChoice />
      </div>
    </>
  );
}

const THEMES: { value: Theme; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
];

/** The theme, one tap away in the phone menu (the ⌘K palette offers it on every screen). */
function ThemeChoice() {
  return (
    <div className="flex items-center gap-2 text-sm md:hidden" role="group" aria-label="Theme">
      <span className="text-zinc-500">Theme</span>
      {THEMES.map((theme) => (
        <button key={theme.value} type="button" onClick={() => applyTheme(theme.value)} className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700">
          {theme.label}
        </button>
      ))}
    </div>
  );
}
