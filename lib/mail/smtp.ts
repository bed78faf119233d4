import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { AppError } from "@/lib/errors";
import type { MailMessage } from "./index";

// One pooled transport per process, built from SMTP_URL (smtp://user:pass@host:587 or smtps://…).
// The sender is MAIL_FROM, else no-reply@<NEXTAUTH_URL host>.

let transport: { url: string; transporter: Transporter } | null = null;

function transporter(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

function sender(): string {
  if (process.env.MAIL_FROM?.trim()) return process.env.MAIL_FROM.trim();
  try {
    return `DotEnv <no-reply@${new URL(process.env.NEXTAUTH_URL ?? "").hostname || "localhost"}>`;
  } catch {
    return "DotEnv <no-reply@localhost>";
  }
}

export async function sendWithSmtp(message: MailMessage): Promise<void> {
  const url = process.env.SMTP_URL!.trim();
  try {
    await transporter(url).sendMail({ from: sender(), to: message.to, subject: message.subject, text: message.text });
  } catch (error) {
    // The kind of failure only: the error may quote the SMTP URL (with its password) or the message.
    console.error(`[dotenv] mail delivery failed: ${(error as { code?: string })?.code ?? (error as Error)?.name ?? "error"}`);
    throw new AppError("unavailable", "The email could not be sent. Check the mail server settings (SMTP_URL) and try again.");
  }
}
