import type { ReactNode } from "react";

// One titled block of the organization settings page; every section renders inside one.
export function SettingsSection({ title, description, tone = "normal", children }: { title: string; description: ReactNode; tone?: "normal" | "danger"; children: ReactNode }) {
  return (
    <section
      aria-label={title}
      className={`space-y-4 rounded-lg border bg-white p-5 dark:bg-zinc-900 ${tone === "danger" ? "border-red-300 dark:border-red-900" : "border-zinc-200 dark:border-zinc-800"}`}
    >
      <div>
        <h2 className={`text-lg font-semibold ${tone === "danger" ? "text-red-700 dark:text-red-400" : ""}`}>{title}</h2>
        <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</div>
      </div>
      {children}
    </section>
  );
}
