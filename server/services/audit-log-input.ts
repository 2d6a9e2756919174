import { z } from "zod";
import { parseLocalDate } from "../domain/metrics/zoned-time";

// The audit log viewer's input, shared by the service, the router and the filter bar (which keeps
// the same fields in the URL). Only zod here, so the browser can import it.

const ZDay = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date such as 2026-12-07`)
    .refine((value) => parseLocalDate(value) !== null, `${field} is not a real date`);

/** What narrows the log: who, what, on what, and when (UTC days, both included). */
export const ZAuditFilters = z.object({
  actorId: z.uuid("actorId must be a user id").optional(),
  /** An action or its start ("case." for every case action). */
  action: z.string().trim().max(100, "action must be at most 100 characters").optional(),
  targetType: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/, "targetType must be a target type such as case")
    .optional(),
  targetId: z.string().trim().max(200, "targetId must be at most 200 characters").optional(),
  from: ZDay("from").optional(),
  to: ZDay("to").optional(),
});
export type AuditFilters = z.infer<typeof ZAuditFilters>;

export const ZAuditListInput = ZAuditFilters.extend({
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
}).refine((input) => !input.from || !input.to || input.from <= input.to, {
  message: "to must be on or after from",
  path: ["to"],
});
