import { z } from "zod";

/** An email address as people type it: trimmed, lower-cased, then checked. */
export function zEmail(message: string) {
  return z.string().trim().toLowerCase().max(320).pipe(z.email(message));
}
