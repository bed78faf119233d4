"use client";

import { forwardRef, useId, type SelectHTMLAttributes } from "react";
import type { RoleOption } from "./roles";

// A labelled role <select> with the chosen role's description underneath (announced with it).
export const RoleSelect = forwardRef<
  HTMLSelectElement,
  SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: RoleOption[]; selected?: string; hideLabel?: boolean; error?: string }
>(function RoleSelect({ label, options, selected, hideLabel = false, error, id, className = "", ...props }, ref) {
  const generated = useId();
  const selectId = id ?? generated;
  const description = options.find((option) => option.value === selected)?.description;
  return (
    <div className="space-y-1.5">
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-zinc-800 dark:text-zinc-200"}>
        {label}
      </label>
      <select
        ref={ref}
        id={selectId}
        aria-describedby={description || error ? `${selectId}-description` : undefined}
        aria-invalid={error ? true : undefined}
        className={`block w-full rounded-md border border-zinc-300 bg-white px-2 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${className}`}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error || description ? (
        <p id={`${selectId}-description`} className={`text-xs ${error ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}>
          {error ?? description}
        </p>
      ) : null}
    </div>
  );
});
