import { z } from "zod";
import type { Brief, ConsentStatus } from "../analysis/types";
import type { ApprovedLanguage } from "../replies/approved-language";

// The chat widget's bot (issue 8): after each visitor message, what it says and what it asks for,
// from the decision rules' next action and approved language only. It greets, finds the request,
// asks at most one clarifying question, asks for contact details (a small optional form beside the
// chat), asks for consent in the approved wording, and hands off. It stops on frustration or
// repetition and hands to a person on pricing, scope, legal, emergencies and guarantees; after that
// it says nothing more of its own, and only asks what the team needs to reply (contact, consent).

/** open: the bot is talking. handed_off: a handoff was made. with_team: a person takes it from here. */
export const WIDGET_STATES = ["open", "handed_off", "with_team", "closed"] as const;
export type WidgetState = (typeof WIDGET_STATES)[number];

export const ZWidgetProgress = z.object({
  state: z.enum(WIDGET_STATES),
  /** The one clarifying question has been asked. */
  clarified: z.boolean(),
  /** The bot has asked for contact details. */
  contactAsked: z.boolean(),
  /** The consent wording version shown and not yet answered. */
  consentPending: z.string().nullable(),
  /**
   * How often the consent question was said: once. The same words twice read as a bot stuck in a
   * loop (the analysis's repetition flag); an answer that is not yes or no goes to a reviewer,
   * with the buttons still there.
   */
  consentAsked: z.number().int().min(0),
});
export type WidgetProgress = z.infer<typeof ZWidgetProgress>;

export const INITIAL_PROGRESS: WidgetProgress = {
  state: "open",
  clarified: false,
  contactAsked: false,
  consentPending: null,
  consentAsked: 0,
};

/** What the widget shows beside the chat: consent buttons, or the small contact form. */
export type WidgetUi = null | { kind: "consent"; version: string; text: string } | { kind: "contact" };

export interface WidgetTurnInput {
  progress: WidgetProgress;
  /** The analysis of the whole transcript so far, with this message. */
  brief: Pick<Brief, "nextAction" | "contact" | "needClear"> & { consent: { status: ConsentStatus } };
  /** The visitor's answer, in this turn, to the consent question shown (a button, or a typed yes or no). */
  recordedConsent: "given" | "refused" | null;
  /**
   * The latest answer on record, this turn's included. Only an answer to the approved wording shown
   * counts as consent given (so its version is on record); a refusal in any words is honoured.
   */
  consentOnRecord: "given" | "refused" | null;
  /** An email or phone arrived through the widget's form. */
  formContact: boolean;
  /** The approved language in force; `consent` is the wording shown to visitors now. */
  language: Pick<ApprovedLanguage, "botReplies" | "consentWordings"> & { consent: { version: string; text: string } };
  /** An answer from the admin's FAQ, already through the promise checks. */
  faqAnswer?: string | null;
  /** The model's answer was refused by the checks: a person answers instead, as on an escalation. */
  faqBlocked?: boolean;
  /** The bot's last words, so a turn never opens by saying them again. */
  lastBotLine?: string | null;
}

export interface WidgetTurn {
  say: string[];
  progress: WidgetProgress;
  ui: WidgetUi;
  /** Send the conversation through ingest now: a handoff, an escalation, a stop or a dead end. */
  ingest: boolean;
  /** A person must take over: the bot has stopped or escalated. */
  handToHuman: boolean;
}

export function planWidgetTurn(input: WidgetTurnInput): WidgetTurn {
  const { brief, language } = input;
  const replies = language.botReplies;
  const progress: WidgetProgress = { ...input.progress };
  const say: string[] = input.faqAnswer ? [input.faqAnswer] : [];
  const consent = input.consentOnRecord ?? (brief.consent.status === "refused" ? "refused" : null);
  const reachable = input.formContact || Boolean(brief.contact.email || brief.contact.phone);
  const action = brief.nextAction.action;
  // A consent answer closes the question; until then the buttons answer the wording shown.
  if (input.recordedConsent || consent) progress.consentPending = null;

  const turn = (ui: WidgetUi, ingest: boolean, handToHuman = false): WidgetTurn => ({
    say: dedupe(say).filter((line, i) => i > 0 || line !== input.lastBotLine),
    progress,
    ui,
    ingest,
    handToHuman,
  });
  const askConsent = (): WidgetUi => {
    progress.consentPending = language.consent.version;
    progress.consentAsked += 1;
    say.push(language.consent.text);
    return { kind: "consent", version: language.consent.version, text: language.consent.text };
  };
  /** The consent question: said once; after that only its buttons stay, for the wording shown. */
  const consentUi = (): WidgetUi => {
    if (progress.consentAsked === 0) return askConsent();
    const version = progress.consentPending;
    if (!version) return null;
    const shown = language.consentWordings.find((w) => w.version === version) ?? language.consent;
    return { kind: "consent", version, text: shown.text };
  };
  /** With a person taking over: only what the team needs to reply, and never twice the same ask. */
  const whatTheTeamNeeds = (): WidgetUi => {
    if (consent === "refused") return null;
    if (!reachable) {
      progress.contactAsked = true;
      return { kind: "contact" };
    }
    return consent === "given" ? null : consentUi();
  };

  if (progress.state === "closed") return turn(null, true);
  if (action === "discard") {
    // Spam by the rules: no words for it, but no door shut either. A person misread as spam (an
    // angry first message reads as insults only) can still leave details; a reviewer sees the chat.
    progress.state = "with_team";
    return turn(whatTheTeamNeeds(), true);
  }
  const escalate = action === "escalate" || Boolean(input.faqBlocked);
  if ((action === "stop_bot" || escalate) && progress.state !== "with_team") {
    say.push(action === "stop_bot" ? replies.stopBot : replies.escalate);
    progress.state = "with_team";
    return turn(whatTheTeamNeeds(), true, true);
  }
  if (progress.state === "with_team") {
    // Quiet, except to ask for what the team needs, and to acknowledge a consent answer.
    const ui = whatTheTeamNeeds();
    if (input.recordedConsent === "refused") say.push(replies.consentRefused);
    if (input.recordedConsent === "given" && reachable) say.push(replies.handoff);
    return turn(ui, true);
  }
  if (progress.state === "handed_off") {
    say.push(replies.addedToRequest);
    return turn(null, true);
  }

  // The bot is talking (state open).
  if (consent === "refused") {
    say.push(replies.consentRefused);
    progress.state = "with_team";
    return turn(null, true);
  }
  if (!brief.needClear && !progress.clarified) {
    if (action === "clarify" && brief.nextAction.question) {
      progress.clarified = true;
      say.push(brief.nextAction.question);
      return turn(null, false);
    }
  }
  if (!brief.needClear && action !== "clarify" && !reachable) {
    // Vague and saying goodbye: nothing to ask; what there is goes to a reviewer.
    say.push(replies.passedOn);
    progress.state = "with_team";
    return turn(whatTheTeamNeeds(), true);
  }
  if (!reachable) {
    if (!progress.contactAsked) {
      progress.contactAsked = true;
      say.push(replies.collectContact);
      return turn({ kind: "contact" }, false);
    }
    // Asked once and not given: no long form forced on them; a reviewer sees the request.
    say.push(replies.passedOn);
    progress.state = "with_team";
    return turn({ kind: "contact" }, true);
  }
  if (consent === "given") {
    say.push(replies.handoff);
    progress.state = "handed_off";
    return turn(null, true);
  }
  if (progress.consentAsked === 0) return turn(askConsent(), false);
  // Answered with something else: "humans review unclear consent". The buttons stay.
  say.push(replies.passedOn);
  progress.state = "with_team";
  return turn(consentUi(), true);
}

function dedupe(lines: string[]): string[] {
  return lines.filter((line, i) => lines.indexOf(line) === i);
}

/** Whether a visitor's message asks something a FAQ might answer (a question, not a statement). */
export function asksAQuestion(text: string): boolean {
  const t = text.trim().toLowerCase();
  return (
    t.includes("?") ||
    /^(?:what|when|where|which|who|why|how|do|does|did|can|could|is|are|will|would|should|have|has)\b/.test(t)
  );
}
