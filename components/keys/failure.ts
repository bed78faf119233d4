import { DecryptionError } from "@/lib/crypto";
import { ApiError } from "@/lib/client/api";
import { OlderLevelError } from "@/lib/client/key-lifecycle";
import { WrongPassphraseError } from "@/lib/client/project-key";

/** A key flow's failure in words: a wrong passphrase, a level under an older key, or the server's message. */
export function keyFlowFailure(error: unknown): string {
  if (error instanceof WrongPassphraseError) return "That passphrase does not unlock this project's active key. Nothing was changed.";
  if (error instanceof DecryptionError) return "A value does not decrypt with that key. Nothing was changed.";
  if (error instanceof OlderLevelError || error instanceof ApiError) return error.message;
  if (error instanceof Error && error.constructor === Error) return error.message; // our own, worded for people
  return "Something went wrong. Nothing was changed; try again.";
}
