import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// The editor's loading and error states.

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
