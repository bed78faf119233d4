// Universal crypto API: the same code runs on the server, in the browser and in the CLI.
// The server-only master-key loader lives in ./master-key.server and is deliberately not here.

export * from "./errors";
export { constantTimeEqual, randomBytes, type Bytes } from "./bytes";
export * from "./encoding";
export * from "./kdf";
export * from "./key-proof";
export * from "./values";
export * from "./blob";
export * from "./wrap";
