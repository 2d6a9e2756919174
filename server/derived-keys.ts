import { hkdfSync } from "node:crypto";
import { getEnv } from "./env";

// Keys the server needs for one purpose each (encrypting settings' secrets, signing widget
// sessions, hashing visitors' addresses), all derived from AUTH_SECRET with HKDF-SHA256, so one
// secret to set and no key serves two purposes. Derived once per secret and purpose.

const cache = new Map<string, Buffer>();

export function derivedKey(purpose: string): Buffer {
  const secret = getEnv().AUTH_SECRET;
  const id = `${purpose}\u0000${secret}`;
  let key = cache.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "handoff-desk", purpose, 32));
    cache.set(id, key);
  }
  return key;
}
