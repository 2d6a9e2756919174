import { createHmac } from "node:crypto";
import { equalBytes } from "../constant-time";

// Standard Webhooks (standardwebhooks.com) signatures: HMAC-SHA256 over "<id>.<timestamp>.<raw body>"
// with the base64 secret after "whsec_". The signature header may carry several space-separated
// "v1,<base64>" entries (during secret rotation); any one valid entry is enough.

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function signStandardWebhook(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return `v1,${mac}`;
}

export function verifyStandardWebhook(
  secret: string,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  body: Buffer,
  now = Date.now(),
): SignatureCheck {
  if (!headers.id || !headers.timestamp || !headers.signature) {
    return { ok: false, reason: "webhook-id, webhook-timestamp and webhook-signature are all required" };
  }
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: "webhook-timestamp must be Unix seconds" };
  const timestamp = Number(headers.timestamp);
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: "webhook-timestamp is more than 5 minutes from now" };
  }
  const expected = Buffer.from(signStandardWebhook(secret, headers.id, timestamp, body).slice(3), "base64");
  const valid = headers.signature.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const presented = Buffer.from(value, "base64");
    return equalBytes(presented, expected);
  });
  return valid ? { ok: true } : { ok: false, reason: "webhook-signature does not match" };
}
