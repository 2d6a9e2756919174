import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "../../derived-keys";

// Secrets an admin types into settings (an SMTP password, a model API key, an alert URL) are kept
// encrypted with AES-256-GCM under a key derived from AUTH_SECRET, so a database dump alone does not
// give them away. They are decrypted only where they are used and never sent to the browser.
// Changing AUTH_SECRET makes them unreadable: they are then treated as not set (and say so).

const VERSION = "v1";

const key = () => derivedKey("settings-secrets");

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

/** The plain secret, or null when it cannot be read (another AUTH_SECRET, or a damaged value). */
export function decryptSecret(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
