import { describe, expect, it } from "vitest";
import { analyzeWithRules, DEFAULT_POLICY } from "../analysis";
import { checkReplyForPromises } from "../replies/promise-check";
import { DEFAULT_LANGUAGE, sentencesOf } from "../replies/approved-language";
import { asksAQuestion, INITIAL_PROGRESS, planWidgetTurn, type WidgetProgress, type WidgetTurn } from "./widget-turn";

// The widget's bot, turn by turn, on real analyses of real transcripts: what it says, what it asks
// for, and when the chat goes to ingest. Each test plays a chat the way the session service does.

const BOT = DEFAULT_LANGUAGE.botReplies;
const WORDING = DEFAULT_LANGUAGE.consentWordings.at(-1)!;
const language = { ...DEFAULT_LANGUAGE, consent: WORDING };

interface Visitor {
  text?: string;
  consent?: "given" | "refused";
  formContact?: boolean;
  faqAnswer?: string;
  faqBlocked?: boolean;
}

/** Plays visitor turns through the planner, keeping the transcript and progress as the service does. */
function play(...turns: (string | Visitor)[]): WidgetTurn[] {
  const messages: { role: "bot" | "visitor"; text: string }[] = [{ role: "bot", text: BOT.greeting }];
  let progress: WidgetProgress = INITIAL_PROGRESS;
  let formContact = false;
  let consentOnRecord: "given" | "refused" | null = null;
  const plans: WidgetTurn[] = [];
  for (const raw of turns) {
    const turn = typeof raw === "string" ? { text: raw } : raw;
    if (turn.text) messages.push({ role: "visitor", text: turn.text });
    formContact ||= Boolean(turn.formContact);
    const brief = analyzeWithRules({ messages }, DEFAULT_POLICY);
    // As the service records it: an answer counts only to a question shown.
    const answer = progress.consentPending ? (turn.consent ?? null) : null;
    consentOnRecord = answer ?? consentOnRecord;
    const plan = planWidgetTurn({
      progress,
      brief,
      recordedConsent: answer,
      consentOnRecord,
      lastBotLine: messages.findLast((m) => m.role === "bot")?.text ?? null,
      formContact,
      language,
      faqAnswer: turn.faqAnswer,
      faqBlocked: turn.faqBlocked,
    });
    messages.push(...plan.say.map((text) => ({ role: "bot" as const, text })));
    progress = plan.progress;
    plans.push(plan);
  }
  return plans;
}

const NEED = "Our roof is leaking into the kitchen after the storm and we need it repaired.";

describe("planWidgetTurn", () => {
  it("finds the request, asks for contact details, then consent in the approved wording, then hands off", () => {
    const [need, contact, consent] = play(
      NEED,
      { text: "Name: Jo Bell\nEmail: jo@example.com", formContact: true },
      {
        text: "Yes, you can contact me",
        consent: "given",
      },
    );
    expect(need).toMatchObject({ say: [BOT.collectContact], ui: { kind: "contact" }, ingest: false });
    expect(contact).toMatchObject({
      say: [WORDING.text],
      ui: { kind: "consent", version: WORDING.version, text: WORDING.text },
      ingest: false,
    });
    expect(contact!.progress.consentPending).toBe(WORDING.version);
    expect(consent).toMatchObject({ say: [BOT.handoff], ui: null, ingest: true });
    expect(consent!.progress).toMatchObject({ state: "handed_off", consentPending: null });
  });

  it("asks one clarifying question for a vague need, never a second", () => {
    const [first, second] = play("Hi", "hello?");
    expect(first!.say).toHaveLength(1);
    expect(first!.say[0]).toMatch(/\?$/);
    expect(first!.progress.clarified).toBe(true);
    expect(second!.say).toEqual([BOT.collectContact]);
  });

  it("escalates on pricing at once, then asks only for what the team needs, in a form, without more words", () => {
    const [pricing, details, yes, more] = play(
      "How much would a new roof cost for a three-bed house?",
      { text: "Email: lee@example.com", formContact: true },
      { text: "Yes, you can contact me", consent: "given" },
      "Also it's a bungalow.",
    );
    expect(pricing).toMatchObject({ say: [BOT.escalate], ui: { kind: "contact" }, handToHuman: true, ingest: true });
    expect(pricing!.progress.state).toBe("with_team");
    expect(details).toMatchObject({ say: [WORDING.text], ui: { kind: "consent" }, handToHuman: false });
    expect(yes!.say).toEqual([BOT.handoff]);
    expect(more).toMatchObject({ say: [], ui: null, ingest: true });
  });

  it("stops on frustration and then stays quiet", () => {
    const [, stop, after] = play(
      "My gutter is blocked and overflowing onto the path, can someone clear it?",
      "I already told you what I need. This is useless, I'm repeating myself!",
      "hello??",
    );
    expect(stop).toMatchObject({ say: [BOT.stopBot], handToHuman: true, ingest: true });
    expect(after!.say).toEqual([]);
  });

  it("takes no for an answer: acknowledges a refusal and asks nothing more", () => {
    const plans = play(
      NEED,
      { text: "Phone: 07700 900123", formContact: true },
      { text: "No, thanks", consent: "refused" },
    );
    expect(plans[2]).toMatchObject({ say: [BOT.consentRefused], ui: null, ingest: true });
    const later = play(
      NEED,
      { text: "Phone: 07700 900123", formContact: true },
      { text: "No, thanks", consent: "refused" },
      "One more thing: it's the back bedroom too.",
    );
    expect(later[3]!.ui).toBeNull();
    expect(later[3]!.say.join(" ")).not.toContain(WORDING.text);
  });

  it("never says the consent question twice: an answer that is neither goes to a reviewer, buttons kept", () => {
    const plans = play("I'd like someone to replace the guttering, my email is kai@example.com", "Semi-detached.");
    expect(plans[0]!.say).toEqual([WORDING.text]);
    expect(plans[1]).toMatchObject({
      say: [BOT.passedOn],
      ui: { kind: "consent", version: WORDING.version, text: WORDING.text },
      ingest: true,
    });
    expect(plans[1]!.progress.consentPending).toBe(WORDING.version);
  });

  it("after a handoff, later messages are added to the request and sent on", () => {
    const plans = play(
      NEED,
      { text: "Email: jo@example.com", formContact: true },
      { text: "Yes", consent: "given" },
      "The gutter is loose too.",
    );
    expect(plans[3]).toMatchObject({ say: [BOT.addedToRequest], ingest: true });
  });

  it("asks for consent in the approved words even when the first message reads as consent", () => {
    const [first, yes] = play(
      { text: "Our chimney needs repairing. Please call me on 07700 900123, happy to be contacted." },
      { text: "Yes, you can contact me", consent: "given" },
    );
    expect(first).toMatchObject({ say: [WORDING.text], ui: { kind: "consent", version: WORDING.version } });
    expect(yes!.progress.state).toBe("handed_off");
  });

  it("says nothing twice in a row: one acknowledgement for a string of short messages", () => {
    const plans = play(
      NEED,
      { text: "Email: jo@example.com", formContact: true },
      { text: "Yes", consent: "given" },
      "thanks",
      "ok",
    );
    expect(plans[3]!.say).toEqual([BOT.addedToRequest]);
    expect(plans[4]!.say).toEqual([]);
  });

  it("treats a FAQ answer the checks refused as a question for a person", () => {
    const [turn] = play({ text: "Do you do flat roofs?", faqBlocked: true });
    expect(turn).toMatchObject({ say: [BOT.escalate], handToHuman: true, ingest: true });
    expect(turn!.progress.state).toBe("with_team");
  });

  it("puts a FAQ answer first and carries on with the next step", () => {
    const [turn] = play({
      text: `${NEED} Do you work on Saturdays?`,
      faqAnswer: "Our office is open Monday to Friday.",
    });
    expect(turn!.say).toEqual(["Our office is open Monday to Friday.", BOT.collectContact]);
  });

  it("says nothing to what the analysis reads as spam, and shuts no door on a person misread", () => {
    const [turn] = play("BUY CHEAP BACKLINKS http://spam.example/seo http://spam.example/cheap");
    expect(turn).toMatchObject({ say: [], ui: { kind: "contact" }, ingest: true, handToHuman: false });
    expect(turn!.progress.state).toBe("with_team");
  });
});

describe("what the widget's bot can say", () => {
  it("passes the promise check, every default sentence", () => {
    for (const sentence of sentencesOf(DEFAULT_LANGUAGE)) expect(checkReplyForPromises(sentence.text)).toEqual([]);
  });

  it("tells a question from a statement", () => {
    expect(asksAQuestion("Do you work weekends")).toBe(true);
    expect(asksAQuestion("Is it all right?")).toBe(true);
    expect(asksAQuestion("My roof leaks.")).toBe(false);
  });
});
