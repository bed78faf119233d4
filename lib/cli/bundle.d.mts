/** The bundle's path when it is current, otherwise null (run the TypeScript sources). */
export function currentBundle(root: string): string | null;
