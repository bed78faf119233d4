"use client";

import { useState } from "react";
import type { UnlockedProjectKey } from "@/lib/client/project-key";

// Locking a client-managed project forgets every plaintext of the page. Runs during render (like
// React's "adjust state when a prop changes"), so no frame ever shows a value after the lock.
export function useForgetOnLock(clientKey: UnlockedProjectKey | null, forget: () => void): void {
  const [keySeen, setKeySeen] = useState(clientKey);
  if (keySeen !== clientKey) {
    setKeySeen(clientKey);
    if (clientKey === null) forget();
  }
}
