// How this level relates to the others: the environments below that inherit it, and names that
// only come from the levels above (rows that override an upper name say so themselves).
export function InheritanceNotes({ inheritedBy, inheritedOnly }: { inheritedBy: string[]; inheritedOnly: string[] }) {
  return (
    <>
      {inheritedBy.length > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="inherited-by">
          Inherited by {inheritedBy.length} {inheritedBy.length === 1 ? "environment" : "environments"} unless they override a name:{" "}
          <span className="font-mono">{inheritedBy.join(", ")}</span>.
        </p>
      ) : null}
      {inheritedOnly.length > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Also inherited from the levels above: <span className="font-mono">{inheritedOnly.join(", ")}</span>.
        </p>
      ) : null}
    </>
  );
}
