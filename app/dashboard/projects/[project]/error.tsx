"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// An unexpected failure loading the overview: say so plainly and offer a retry (no internals shown).
export default function ProjectError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="max-w-xl space-y-4">
      <Alert tone="error">This project could not be loaded. The server may be busy or restarting.</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
