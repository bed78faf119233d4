import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";

// The editor's loading and error states, and what shows instead of rows when there are none.

export function EditorSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading secrets" className="space-y-2" data-testid="editor-loading">
      {[0, 1, 2, 3].map((index) => (
        <div key={index} className="grid animate-pulse grid-cols-[1fr_2fr_1fr] gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <div className="h-4 rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
}

export function EditorError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="space-y-3">
      <Alert tone="error">Could not load these secrets: {message}</Alert>
      <Button variant="secondary" onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}

interface EmptyLevelProps {
  canEdit: boolean;
  /** Could add secrets once the project is unlocked in this tab. */
  canEditOnceUnlocked: boolean;
  onAdd: () => void;
  onImport: () => void;
}

export function EmptyLevel({ canEdit, canEditOnceUnlocked, onAdd, onImport }: EmptyLevelProps) {
  return (
    <EmptyState
      title="No secrets at this level yet"
      action={
        canEdit ? (
          <div className="flex gap-2">
            <Button onClick={onAdd}>Add a secret</Button>
            <Button variant="secondary" onClick={onImport}>
              Paste a .env
            </Button>
          </div>
        ) : undefined
      }
    >
      {canEdit ? "Add one, or paste a whole .env file to import it." : canEditOnceUnlocked ? "Unlock the project to add secrets." : "Nothing is stored at this level."}
    </EmptyState>
  );
}

/** The filters hide every row; a search that is a valid name offers to add it. */
export function NoMatches({ search, tagFilter, canEdit, onAdd }: { search: string; tagFilter: string; canEdit: boolean; onAdd: (name: string) => void }) {
  return (
    <div className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center text-sm dark:border-zinc-700">
      <p>No names match “{search || tagFilter}”.</p>
      {canEdit && /^[A-Za-z_][A-Za-z0-9_]*$/.test(search.trim()) ? (
        <Button className="mt-3" variant="secondary" onClick={() => onAdd(search.trim())}>
          Add {search.trim()}
        </Button>
      ) : null}
    </div>
  );
}
