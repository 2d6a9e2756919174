import { z } from "zod";
import { DEFAULT_REPLIES } from "../bot/next-reply";

// Approved language (settings, issue 7): what the bot may say to a visitor, the consent wordings (each
// version kept, so a consent record names the words the visitor saw), and the clarifying question per
// topic. First-reply templates are their own records (reply_templates). Every sentence here passes
// the promise check before it can be published.

const ZSentence = (field: string, max = 500) =>
  z.string().trim().min(1, `${field} is required`).max(max, `${field} is at most ${max} characters`);

/** What the widget's bot says at the steps a platform's own bot would word itself. */
export const WIDGET_REPLIES = {
  greeting: "Hi! What can we help you with today?",
  passedOn: "Thanks. I've passed your message on to our team.",
  consentRefused: "That's fine: we won't contact you about this. You can still leave a message here for our team.",
  addedToRequest: "Thanks, I've added that to your request.",
};

export const ZConsentWording = z.object({
  /** Kept with each consent record the widget reports ("consent-2"). */
  version: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, "use lower-case letters, digits, ., - and _"),
  text: ZSentence("text"),
});

export const ZApprovedLanguage = z
  .object({
    botReplies: z.object({
      stopBot: ZSentence("stopBot"),
      escalate: ZSentence("escalate"),
      handoff: ZSentence("handoff"),
      collectContact: ZSentence("collectContact"),
      // The chat widget's own steps (issue 8). Defaults, so versions published before them still read.
      greeting: ZSentence("greeting").default(WIDGET_REPLIES.greeting),
      passedOn: ZSentence("passedOn").default(WIDGET_REPLIES.passedOn),
      consentRefused: ZSentence("consentRefused").default(WIDGET_REPLIES.consentRefused),
      addedToRequest: ZSentence("addedToRequest").default(WIDGET_REPLIES.addedToRequest),
    }),
    /** Oldest first; the last one is shown to visitors now. */
    consentWordings: z.array(ZConsentWording).min(1, "keep at least one consent wording").max(100),
    /** Per topic id; a topic without one uses the escalation policy's built-in question. */
    clarifyingQuestions: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/), ZSentence("question", 300))
      .default({}),
    defaultClarifyingQuestion: ZSentence("defaultClarifyingQuestion", 300).optional(),
  })
  .superRefine((language, ctx) => {
    const seen = new Set<string>();
    language.consentWordings.forEach((wording, i) => {
      if (seen.has(wording.version))
        ctx.addIssue({
          code: "custom",
          message: `version ${wording.version} is used twice`,
          path: ["consentWordings", i, "version"],
        });
      seen.add(wording.version);
    });
  });
export type ApprovedLanguage = z.infer<typeof ZApprovedLanguage>;

export const DEFAULT_LANGUAGE: ApprovedLanguage = {
  botReplies: {
    stopBot: DEFAULT_REPLIES.stopBot,
    escalate: DEFAULT_REPLIES.escalate,
    handoff: DEFAULT_REPLIES.handoff,
    collectContact: DEFAULT_REPLIES.collectContact,
    ...WIDGET_REPLIES,
  },
  consentWordings: [{ version: "consent-1", text: DEFAULT_REPLIES.askConsent }],
  clarifyingQuestions: {},
};

export function currentConsentWording(language: ApprovedLanguage) {
  return language.consentWordings.at(-1)!;
}

/** Every sentence of the document with its path, for the promise check. */
export function sentencesOf(language: ApprovedLanguage): { path: string; text: string }[] {
  return [
    ...Object.entries(language.botReplies).map(([key, text]) => ({ path: `botReplies.${key}`, text })),
    ...language.consentWordings.map((w, i) => ({ path: `consentWordings.${i}.text`, text: w.text })),
    ...Object.entries(language.clarifyingQuestions).map(([id, text]) => ({ path: `clarifyingQuestions.${id}`, text })),
    ...(language.defaultClarifyingQuestion
      ? [{ path: "defaultClarifyingQuestion", text: language.defaultClarifyingQuestion }]
      : []),
  ];
}

export function describeLanguageChanges(before: ApprovedLanguage, after: ApprovedLanguage): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(after.botReplies) as (keyof ApprovedLanguage["botReplies"])[])
    if (before.botReplies[key] !== after.botReplies[key]) lines.push(`Bot message ${key}: "${after.botReplies[key]}"`);
  const versions = new Set(before.consentWordings.map((w) => w.version));
  for (const wording of after.consentWordings)
    if (!versions.has(wording.version)) lines.push(`New consent wording ${wording.version}: "${wording.text}"`);
  if (currentConsentWording(before).version !== currentConsentWording(after).version)
    lines.push(`Visitors are now asked with ${currentConsentWording(after).version}`);
  const topics = new Set([...Object.keys(before.clarifyingQuestions), ...Object.keys(after.clarifyingQuestions)]);
  for (const id of topics) {
    const was = before.clarifyingQuestions[id];
    const now = after.clarifyingQuestions[id];
    if (was !== now)
      lines.push(
        now ? `Clarifying question for ${id}: "${now}"` : `Clarifying question for ${id}: back to the built-in one`,
      );
  }
  if (before.defaultClarifyingQuestion !== after.defaultClarifyingQuestion)
    lines.push(`Clarifying question for any other topic: "${after.defaultClarifyingQuestion ?? "the built-in one"}"`);
  return lines;
}
