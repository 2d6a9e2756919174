import type { Db } from "../../db/client";
import { getEnv } from "../../env";
import { getTransport } from "./email";

// Where the desk's email goes out: the SMTP server and sender in force. Null when none is set up,
// so callers record a message as skipped (or show a link) instead of failing.

export interface Mailer {
  from: string;
  send(message: { to: string; subject: string; text: string }): Promise<{ messageId: string | null }>;
}

export async function getMailer(_db: Db): Promise<Mailer | null> {
  const env = getEnv();
  if (!env.SMTP_URL) return null;
  const transport = getTransport(env.SMTP_URL);
  return {
    from: env.EMAIL_FROM,
    async send(message) {
      const info = await transport.sendMail({ from: env.EMAIL_FROM, ...message });
      return { messageId: info.messageId ?? null };
    },
  };
}
