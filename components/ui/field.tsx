import { forwardRef, useId, type InputHTMLAttributes } from "react";

// A labelled input with its error message wired to aria-describedby, so screen readers announce it.
export const Field = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }>(
  function Field({ label, error, hint, id, className = "", ...props }, ref) {
    const generated = useId();
    const inputId = id ?? generated;
    const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
    return (
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        <input
          ref={ref}
          id={inputId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-zinc-400 dark:bg-zinc-900 ${
            error ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"
          } ${className}`}
          {...props}
        />
        {error ? (
          <p id={`${inputId}-error`} className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : hint ? (
          <p id={`${inputId}-hint`} className="text-sm text-zinc-500">
            {hint}
          </p>
        ) : null}
      </div>
    );
  },
);
