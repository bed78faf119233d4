// The environments below this level that inherit its values (names inherited from the levels above
// are rows of their own: ./inherited-rows.tsx).
export function InheritanceNotes({ inheritedBy }: { inheritedBy: string[] }) {
  if (inheritedBy.length === 0) return null;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="inherited-by">
      Inherited by {inheritedBy.length} {inheritedBy.length === 1 ? "environment" : "environments"} unless they override a name:{" "}
      <span className="font-mono">{inheritedBy.join(", ")}</span>.
    </p>
  );
}
