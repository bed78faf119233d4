// Universal crypto API: the same code runs on the server, in the browser and in the CLI.
// Loading the server's master key (environment or a generated file) is configuration: lib/config.

export * from "./errors";
export { constantTimeEqual, randomBytes, type Bytes } from "./bytes";
export * from "./encoding";
export * from "./kdf";
export * from "./key-proof";
export * from "./values";
export * from "./blob";
export * from "./wrap";
