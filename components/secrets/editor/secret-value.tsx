// A value inside a dialog (review, conflict, import): masked unless the dialog's "Show values" is on
// and the value is known; "hidden" when this user cannot see it; "not set" when the side has none.
export function SecretValue({ value, shown, present = true, strike = false }: { value?: string; shown: boolean; present?: boolean; strike?: boolean }) {
  if (!present) return <span className="text-xs italic text-zinc-500">not set</span>;
  if (value === undefined) return <span className="text-xs italic text-zinc-500">hidden</span>;
  return (
    <span className={`secret break-all font-mono text-sm ${strike ? "text-red-700 line-through dark:text-red-400" : ""}`}>
      {shown ? value || <span className="italic text-zinc-500">(empty)</span> : "••••••••"}
    </span>
  );
}

export function ShowValuesToggle({ shown, onChange }: { shown: boolean; onChange: (shown: boolean) => void }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" checked={shown} onChange={(event) => onChange(event.target.checked)} className="h-4 w-4 accent-indigo-600" />
      Show values
    </label>
  );
}
