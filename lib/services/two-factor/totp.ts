import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

// Authenticator apps: TOTP per RFC 6238 (SHA-1, 6 digits, 30-second steps, what every app uses).
// A code from the step before or after the current one is accepted (clock drift), and a step once
// accepted is never accepted again: the caller stores the step and passes it back as `afterStep`.

export const TOTP_ISSUER = "DotEnv";
const PERIOD_SECONDS = 30;

/** The secret is wrapped under the master key bound to its method row (lib/crypto/wrap.ts). */
export const totpContext = (methodId: string): string => `totp-secret:${methodId}`;

/** 20 random bytes in base32 (32 characters), as authenticator apps expect. */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret });
}

/** The QR code of an otpauth:// URI, as an SVG data URL (allowed by the page's CSP: img-src data:). */
export async function totpQrCode(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The time step `code` belongs to (±1 step around `now`), or null; steps up to `afterStep` are refused. */
export async function acceptedTotpStep(secret: string, code: string, afterStep: bigint | null, now: Date): Promise<number | null> {
  const epoch = Math.floor(now.getTime() / 1000);
  const currentStep = Math.floor(epoch / PERIOD_SECONDS);
  // Everything the window could accept was used already (the app's next code is not due yet).
  if (afterStep !== null && Number(afterStep) >= currentStep + 1) return null;
  try {
    const result = await verify({
      secret, token: code, epoch, epochTolerance: PERIOD_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: Number(afterStep) } : {}),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null; // a malformed token or secret is a wrong code, never a server error
  }
}
