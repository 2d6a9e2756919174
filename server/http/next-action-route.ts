import { z } from "zod";
import { analyzeWithRules } from "../domain/analysis";
import { nextReply } from "../domain/bot/next-reply";
import { getDb } from "../db/client";
import { ZIngestConversation } from "../services/ingest/payload";
import { acceptApiRequest, apiFailure } from "./api-v1";

// POST /api/v1/next-action: for a bot mid-chat, what to do now by the decision rules, with the
// approved words to say. Nothing is stored; the finished conversation is posted to /conversations.

export const ZNextActionRequest = ZIngestConversation.pick({
  messages: true,
  pageUrl: true,
  referrer: true,
  utm: true,
  locale: true,
})
  .extend({ externalId: z.string().max(200).optional() })
  .strict();

export async function handleNextAction(request: Request): Promise<Response> {
  try {
    const accepted = await acceptApiRequest(getDb(), request, ZNextActionRequest);
    if (!accepted.ok) return accepted.response;
    const body = accepted.value.body;
    const brief = analyzeWithRules({
      messages: body.messages.map((m) => ({ role: m.role, text: m.text, at: m.at ?? null })),
      pageUrl: body.pageUrl ?? null,
      referrer: body.referrer ?? null,
      campaign: body.utm ?? null,
      locale: body.locale ?? null,
    });
    return Response.json(
      {
        ...nextReply(brief.nextAction),
        flags: brief.flags.map((f) => f.flag),
        consent: brief.consent.status,
        needClear: brief.needClear,
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return apiFailure("POST /api/v1/next-action", error);
  }
}
