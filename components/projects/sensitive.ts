// Marks an element holding a secret (a value, a passphrase) so session-replay and analytics tools
// that honour the common opt-out markers leave it out:
// <code {...SENSITIVE} className={`${SENSITIVE_CLASS} …`}>…</code>.
export const SENSITIVE_CLASS = "sensitive ph-no-capture fs-exclude";
export const SENSITIVE = { "data-private": true, "data-sensitive": true } as const;
