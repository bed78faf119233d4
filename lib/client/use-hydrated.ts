import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server render and until React has hydrated, then true. Forms that carry a password
 * keep their submit button disabled until then: before hydration a click would submit the plain
 * HTML form, and its fields must never end up in a URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
