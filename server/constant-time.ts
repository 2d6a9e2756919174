import { timingSafeEqual } from "node:crypto";

/** Whether two byte strings are equal, in time that does not depend on where they differ. */
export function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
