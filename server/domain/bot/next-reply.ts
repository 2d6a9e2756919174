import type { Decision, NextAction } from "../analysis/types";

// What a bot mid-chat should say now, from approved language only: the decision rules pick the
// action, this picks the words. Nothing here states a price, a time, a scope or a result. Admins
// will edit these sentences in settings (issue 7); until then they are data with sensible defaults.

export interface ApprovedReplies {
  /** The bot stops and a person takes over (frustration, repetition). */
  stopBot: string;
  /** Pricing, scope, legal, emergencies, guarantees and the like: a person answers. */
  escalate: string;
  /** Shown after a handoff: someone will be in touch. */
  handoff: string;
  collectContact: string;
  askConsent: string;
}

export const DEFAULT_REPLIES: ApprovedReplies = {
  stopBot: "I'm sorry this hasn't been easy. I'm passing you to a member of our team now.",
  escalate: "That's one for a member of our team rather than me. I'm passing your question on.",
  handoff: "Thank you. I've passed this to the right person on our team, who will be in touch.",
  collectContact: "What's the best email address or phone number for our team to reach you?",
  askConsent: "Is it all right for our team to contact you about this by email or phone?",
};

export interface NextReply {
  action: NextAction;
  reasons: string[];
  /** The words to show the visitor, or null when the bot should say nothing (spam, or carry on). */
  reply: string | null;
  /** True when a person must take over the chat now. */
  handToHuman: boolean;
}

export function nextReply(decision: Decision, replies: ApprovedReplies = DEFAULT_REPLIES): NextReply {
  const text: Record<NextAction, string | null> = {
    discard: null,
    stop_bot: replies.stopBot,
    escalate: replies.escalate,
    handoff: replies.handoff,
    clarify: decision.question,
    collect_contact: replies.collectContact,
    ask_consent: replies.askConsent,
    continue: null,
  };
  return {
    action: decision.action,
    reasons: decision.reasons,
    reply: text[decision.action],
    handToHuman: decision.action === "stop_bot" || decision.action === "escalate",
  };
}
