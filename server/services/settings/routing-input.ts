import { z } from "zod";
import { MAX_PASTED_CHARS } from "../../domain/analysis/pasted-transcript";

// The routing editor's inputs, shared by the service, the router and the editor in the browser.
// The rule set itself is checked by ZRoutingConfig (server/domain/routing/rules.ts); here it passes
// as `unknown` so its errors come back with their path into the rules ("rules.2.slaMinutes").

export const MAX_REPLAY = 2_000;

export const ZSaveDraftInput = z.object({
  config: z.unknown(),
  baseVersion: z.number().int().positive("baseVersion must be a published version"),
  /** The draft's `updatedAt` the editor loaded (null when there was none): refuses to overwrite another admin's newer draft. */
  draftRevision: z.string().datetime({ offset: true }).nullable(),
});

export const ZTestSource = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("transcript"),
    text: z
      .string()
      .trim()
      .min(1, "paste a transcript to test")
      .max(MAX_PASTED_CHARS, `a pasted transcript is at most ${MAX_PASTED_CHARS} characters`),
    pageUrl: z.string().trim().max(2_000, "pageUrl must be at most 2,000 characters").optional(),
    /** When the chat happened, for business-hours conditions; now when absent. */
    at: z.string().datetime({ offset: true, message: "at must be a date and time" }).optional(),
  }),
  z.object({ kind: z.literal("conversation"), conversationId: z.uuid("conversationId must be a conversation id") }),
]);

export const ZTestInput = z.object({ config: z.unknown(), source: ZTestSource });

export const ZReplayInput = z.object({
  config: z.unknown(),
  last: z
    .number()
    .int("last must be a whole number")
    .min(1, "replay at least 1 conversation")
    .max(MAX_REPLAY, `replay at most ${MAX_REPLAY} conversations`),
});

export const ZPublishInput = z.object({
  config: z.unknown(),
  baseVersion: z.number().int().positive("baseVersion must be a published version"),
  note: z.string().trim().max(500, "note must be at most 500 characters").optional(),
  /** The draft the editor had open (its revision), which publishing uses up. */
  draftRevision: z.string().datetime({ offset: true }).nullable().optional(),
});

export const ZRollbackInput = z.object({
  toVersion: z.number().int().positive("toVersion must be a published version"),
  currentVersion: z.number().int().positive("currentVersion must be a published version"),
});
