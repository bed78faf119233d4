"use client";

import { forwardRef, useId, type InputHTMLAttributes } from "react";

// A one-time code field: numeric keyboard on phones, the browser's one-time-code autofill, and
// anything but digits dropped as it is typed or pasted ("123 456" → "123456").
export const CodeInput = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> & {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | null;
}>(function CodeInput({ label, value, onValueChange, error, id, ...props }, ref) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="space-y-1.5">
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        ref={ref}
        id={inputId}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={value}
        onChange={(event) => onValueChange(event.target.value.replace(/\D/g, "").slice(0, 6))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        className={`block w-40 rounded-md border bg-white px-3 py-2 font-mono text-lg tracking-[0.3em] shadow-sm dark:bg-zinc-900 ${error ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
        {...props}
      />
      {error ? (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
});
