import { z } from "zod";
import { analyzeWithRules } from "../domain/analysis";
import { nextReply } from "../domain/bot/next-reply";
import { getDb } from "../db/client";
import { currentConsentWording, loadAnalysisSettings } from "../services/settings/analysis-settings";
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
    // The escalation policy and approved language in force (settings), read fresh per version.
    const { policy, language } = await loadAnalysisSettings(getDb());
    const wording = currentConsentWording(language);
    const brief = analyzeWithRules(
      {
        messages: body.messages.map((m) => ({ role: m.role, text: m.text, at: m.at ?? null })),
        pageUrl: body.pageUrl ?? null,
        referrer: body.referrer ?? null,
        campaign: body.utm ?? null,
        locale: body.locale ?? null,
      },
      policy,
    );
    const replies = { ...language.botReplies, askConsent: wording.text };
    return Response.json(
      {
        ...nextReply(brief.nextAction, replies),
        // The consent wording asked now: send its version back with the visitor's answer.
        consentWordingVersion: brief.nextAction.action === "ask_consent" ? wording.version : null,
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
