import { z } from "zod";

// The queue's input, shared by the service, the router and the filter bar (which reads the same
// fields from the URL). Only zod here, so the browser can import it without server code.

export const QUEUE_TABS = ["unclaimed", "mine", "open", "resolved", "all"] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export const QUEUE_SORTS = ["due", "newest", "priority"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_MAX_PAGE_SIZE = 100;

/** Resolved cases are counted up to this many ("10,000+"): they only ever grow. */
export const COUNT_LIMIT = 10_000;

/** A reviewer's claim lapses this long after they last worked on the case. */
export const CLAIM_LAPSE_MINUTES = 15;

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const ZDateBound = (field: string) =>
  z
    .string()
    .trim()
    .regex(DATE_OR_TIME, `${field} must be an ISO date (2026-12-06) or time (2026-12-06T14:03:00Z)`)
    .refine((value) => !Number.isNaN(Date.parse(value)), `${field} is not a real date`);

/** What narrows the list; the tab and the sort are not filters (counts honour these, not the tab). */
export const ZQueueFilters = z.object({
  /** A case reason id (server/domain/intake/triage.ts CASE_REASONS). */
  reason: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/, "reason must be a reason id such as pricing_request")
    .optional(),
  sourceId: z.uuid("sourceId must be a source id").optional(),
  /** A page URL prefix ("https://example.com/pricing") or a path matched exactly ("/pricing"). */
  page: z
    .string()
    .trim()
    .min(1)
    .max(2_000, "page must be at most 2,000 characters")
    .refine((value) => value.startsWith("/") || /^https?:\/\//i.test(value), "page must be a path (/pricing) or a URL")
    .optional(),
  topic: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,60}$/, "topic must be a topic id such as billing")
    .optional(),
  /** The suggested owner. */
  ownerId: z.uuid("ownerId must be a user id").optional(),
  /** On the case's created_at: from the start of `from`, to the end of `to` when it is a date. */
  from: ZDateBound("from").optional(),
  to: ZDateBound("to").optional(),
  /** Words to find in the visitor's name, email, phone, company and the messages. */
  q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
});
export type QueueFilters = z.infer<typeof ZQueueFilters>;

export const ZQueueListInput = ZQueueFilters.extend({
  tab: z.enum(QUEUE_TABS).default("unclaimed"),
  sort: z.enum(QUEUE_SORTS).default("due"),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z
    .string()
    .max(500)
    .regex(/^[A-Za-z0-9_-]*$/, "cursor is not valid")
    .nullish(),
  limit: z.number().int().min(1).max(QUEUE_MAX_PAGE_SIZE).default(QUEUE_PAGE_SIZE),
});
export type QueueListInput = z.input<typeof ZQueueListInput>;
export type QueueListQuery = z.output<typeof ZQueueListInput>;
