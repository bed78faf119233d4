import { describe, expect, it } from "vitest";
import vectors from "./crypto-vectors.json";
import { constantTimeEqual } from "./bytes";
import { KEY_CHECK_INFO, keyProofHash, verifyKeyProof } from "./key-proof";

const [first, second] = vectors.cases;
if (!first || !second) throw new Error("vectors missing");

describe("verifyKeyProof", () => {
  it("pins the key-check message", () => {
    expect(KEY_CHECK_INFO).toBe("dotenv:key-check:v1");
  });

  it("accepts the matching proof", async () => {
    expect(await verifyKeyProof(first.key_proof, first.key_proof_sha256_hex)).toBe(true);
    expect(await verifyKeyProof(first.key_proof, first.key_proof_sha256_hex.toUpperCase())).toBe(true);
  });

  it("rejects another key's proof, a near miss and junk", async () => {
    expect(await verifyKeyProof(second.key_proof, first.key_proof_sha256_hex)).toBe(false);
    expect(await verifyKeyProof(first.key_proof.slice(0, -2) + "A=", first.key_proof_sha256_hex)).toBe(false);
    expect(await verifyKeyProof("", first.key_proof_sha256_hex)).toBe(false);
    // The stored hash itself is not a proof (the server never stores something replayable).
    expect(await verifyKeyProof(first.key_proof_sha256_hex, first.key_proof_sha256_hex)).toBe(false);
  });

  it("treats a corrupt or truncated stored hash as no match", async () => {
    expect(await verifyKeyProof(first.key_proof, "not-hex")).toBe(false);
    expect(await verifyKeyProof(first.key_proof, first.key_proof_sha256_hex.slice(0, 62))).toBe(false);
    expect(await verifyKeyProof(first.key_proof, "")).toBe(false);
  });

  it("keyProofHash is hex SHA-256 of the proof string", async () => {
    expect(await keyProofHash(first.key_proof)).toBe(first.key_proof_sha256_hex);
    // SHA-256("") — guards against hashing decoded bytes instead of the base64 text.
    expect(await keyProofHash("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("constantTimeEqual", () => {
  it("compares contents and lengths", () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([0, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
