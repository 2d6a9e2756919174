import type { CompiledPolicy } from "./policy";
import { byRole, testAny, type IndexedMessage } from "./text";
import type { ConsentStatus, Contact, Decision, FlagFinding, Intent, Topic } from "./types";

// What should happen next, by the decision rules, strongest first:
//   spam -> discard; frustration or repetition -> stop the bot; pricing, custom scope, legal,
//   emergency, guarantee, sensitive data, a bot promise or a complaint -> escalate to a human;
//   contact + consent given + clear need -> hand off; vague need, visitor still engaged -> ask one
//   clarifying question; otherwise collect contact, ask for consent, or continue.

export const STOP_BOT_FLAGS = ["frustration", "repetition"] as const;
export const ESCALATION_FLAGS = [
  "emergency",
  "legal_advice",
  "sensitive_data",
  "bot_promise",
  "guarantee_request",
  "pricing_request",
  "custom_scope",
  "complaint",
] as const;

export function decideNextAction(input: {
  messages: IndexedMessage[];
  policy: CompiledPolicy;
  intent: Intent;
  flags: FlagFinding[];
  contact: Contact;
  consent: ConsentStatus;
  needClear: boolean;
  topic: Topic | null;
}): Decision {
  const { intent, flags, contact, consent, needClear, policy } = input;
  const has = (flag: string) => flags.some((f) => f.flag === flag);

  if (intent === "spam") return { action: "discard", reasons: ["spam"], question: null };

  // An admin may have the bot stop on more flags (escalation policy, settings); never on fewer.
  const alsoStop = policy.source.stopBotAlso ?? [];
  const stop = [
    ...STOP_BOT_FLAGS,
    ...alsoStop.filter((f) => !(STOP_BOT_FLAGS as readonly string[]).includes(f)),
  ].filter(has);
  if (stop.length)
    return {
      action: "stop_bot",
      reasons: [...new Set([...stop, ...ESCALATION_FLAGS.filter(has)])],
      question: null,
    };

  const escalate = ESCALATION_FLAGS.filter(has);
  if (escalate.length) return { action: "escalate", reasons: [...escalate], question: null };

  const reachable = Boolean(contact.email || contact.phone);
  if (reachable && consent === "given" && needClear) {
    return { action: "handoff", reasons: ["contact", "consent_given", "need_clear"], question: null };
  }

  const visitor = byRole(input.messages, "visitor");
  const last = input.messages.at(-1);
  const lastVisitor = visitor.at(-1);
  const engaged =
    Boolean(lastVisitor) &&
    !(lastVisitor && testAny(policy.need.goodbye, lastVisitor.body) && last?.role === "visitor");
  if (!needClear) {
    if (engaged) {
      const topic = input.topic ? policy.topics.find((t) => t.id === input.topic!.id) : undefined;
      return {
        action: "clarify",
        reasons: ["need_vague", "visitor_engaged"],
        question: topic?.clarifyingQuestion ?? policy.source.defaultClarifyingQuestion,
      };
    }
    return { action: "continue", reasons: ["need_vague", "visitor_left"], question: null };
  }
  if (consent === "refused")
    return { action: "continue", reasons: ["consent_refused", "answer_in_chat_only"], question: null };
  if (!reachable) return { action: "collect_contact", reasons: ["no_contact_details"], question: null };
  return {
    action: "ask_consent",
    reasons: [consent === "unclear" ? "consent_unclear" : "consent_not_asked"],
    question: null,
  };
}
