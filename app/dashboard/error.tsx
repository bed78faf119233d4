"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// Any dashboard page that fails unexpectedly: say so plainly and offer a retry. The navigation
// (the layout) stays usable, and no internals are shown.
export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="max-w-xl space-y-4">
      <Alert tone="error">This page could not be loaded. The server may be busy or restarting.</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
