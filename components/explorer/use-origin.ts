"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** This server's origin for snippets ("" while rendering on the server). */
export function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
}
