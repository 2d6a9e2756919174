import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../../db/client";
import { resolveEmail } from "../settings/integrations";

// Where the desk's email goes out: the SMTP server and sender in force (settings, else SMTP_URL).
// Null when none is set up, so callers record a message as skipped (or show a link) instead.

export interface Mailer {
  from: string;
  send(message: {
    to: string;
    subject: string;
    text: string;
    replyTo?: { name: string; address: string };
    icalEvent?: { method: string; filename: string; content: string };
  }): Promise<{ messageId: string | null }>;
}

let transport: { key: string; transporter: Transporter } | null = null;

export async function getMailer(db: Db): Promise<Mailer | null> {
  const settings = await resolveEmail(db);
  if (!settings) return null;
  // One transport per configuration, shared by every email (a change of settings makes a new one).
  if (transport?.key !== settings.key) {
    const timeouts = { connectionTimeout: 10_000, socketTimeout: 20_000 };
    transport = {
      key: settings.key,
      transporter:
        "url" in settings
          ? nodemailer.createTransport(settings.url, timeouts)
          : nodemailer.createTransport({ ...settings.options, ...timeouts }),
    };
  }
  const transporter = transport.transporter;
  return {
    from: settings.from,
    async send(message) {
      const info = await transporter.sendMail({ from: settings.from, ...message });
      return { messageId: info.messageId ?? null };
    },
  };
}
