import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum settings (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;

export { MIN_PASSWORD_LENGTH } from "./password-rules";

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // malformed hash: treat as a failed check, never as a crash
  }
}

/** Spends the same time as a real check (one argon2id run), so an unknown email can't be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await hashPassword(password);
}
