import { createHmac } from "node:crypto";
import { z } from "zod";
import { answerFromFaq } from "../../ai/faq";
import { createAnalysisModel } from "../../ai/provider";
import { equalBytes } from "../../constant-time";
import { derivedKey } from "../../derived-keys";
import { analyzeWithRules } from "../../domain/analysis";
import type { Brief } from "../../domain/analysis/types";
import {
  asksAQuestion,
  INITIAL_PROGRESS,
  planWidgetTurn,
  ZWidgetProgress,
  type WidgetProgress,
  type WidgetState,
  type WidgetUi,
} from "../../domain/bot/widget-turn";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/prisma/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { ingestConversation } from "../ingest/ingest-conversation";
import { ZIngestConversation, type IngestConversation } from "../ingest/payload";
import { currentConsentWording, loadAnalysisSettings } from "../settings/analysis-settings";
import { resolveModel } from "../settings/integrations";
import type { AuthenticatedSource } from "../sources";
import type { WidgetSource } from "./widget-settings";

// A chat on the widget, turn by turn. The transcript lives in widget_sessions while the bot talks;
// the conversation goes through the same ingest as any platform's when the bot hands off, escalates
// or stops, when the visitor leaves (a beacon, or the sweep after a quiet spell), and again after
// every later message, so the queue and the owners always see the whole chat.

export const WIDGET_LIMITS = {
  /** A session answers for a day after its last message; then the widget starts a new one. */
  sessionHours: 24,
  /** Messages per session, the bot's included: a chat, not a channel for bulk text. */
  messages: 200,
  /** FAQ answers per session: a few, then the team. */
  faqAnswers: 5,
  messageChars: 4_000,
  /** Ingest attempts for one chat before the sweep gives up on it (and logs an error). */
  ingestAttempts: 5,
  /** After a beacon says the page closed, this long for the chat to carry on on the next page. */
  leftGraceMs: 2 * 60_000,
} as const;

const ZPageContext = z.object({
  pageUrl: ZIngestConversation.shape.pageUrl.refine((url) => url === undefined || /^https?:\/\//i.test(url), {
    message: "pageUrl must be an http or https address",
  }),
  referrer: ZIngestConversation.shape.referrer,
  utm: ZIngestConversation.shape.utm,
  locale: ZIngestConversation.shape.locale,
  /** The honeypot: people never see this field, so anything in it came from a script. */
  website: z.string().max(500).optional(),
});

export const ZStartSession = ZPageContext.strict();

export const ZWidgetMessage = z
  .object({
    token: z.string().min(1, "token is required").max(200),
    website: z.string().max(500).optional(),
    text: z
      .string()
      .max(WIDGET_LIMITS.messageChars, `text is at most ${WIDGET_LIMITS.messageChars} characters`)
      .optional(),
    contact: z
      .object({
        name: z.string().trim().max(200, "contact.name is at most 200 characters").optional(),
        email: z.email({ message: "contact.email must be an email address" }).max(320).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^[+()\d][\d\s().-]{5,30}$/, "contact.phone must be a phone number")
          .optional(),
      })
      .strict()
      .refine((c) => c.email || c.phone, { message: "give an email address or a phone number", path: ["email"] })
      .optional(),
    consent: z.enum(["given", "refused"]).optional(),
    /** The consent wording's version the buttons showed. */
    consentVersion: z.string().max(100).optional(),
    /** The client's id for this turn: sent again on a retry, it gets the same answer. */
    turnId: z.string().min(8).max(100).optional(),
  })
  .strict()
  .refine((m) => (m.text?.trim() ?? "") !== "" || m.contact || m.consent, {
    message: "send text, contact details or a consent answer",
    path: ["text"],
  });
export type WidgetMessageInput = z.infer<typeof ZWidgetMessage>;

export interface ChatMessage {
  role: "bot" | "visitor";
  text: string;
  at: string;
  /** The contact form's line, or a FAQ answer (kept in the session only; ingest reads role and text). */
  via?: "form" | "faq";
}

export interface WidgetReply {
  messages: ChatMessage[];
  state: WidgetState;
  ui: WidgetUi;
  handToHuman: boolean;
}

// ------------------------------------------------------------------------------ tokens

/** The session's bearer token: an HMAC of its id, so nothing secret is stored and nothing guessable works. */
export function sessionToken(sessionId: string): string {
  return createHmac("sha256", derivedKey("widget-sessions")).update(sessionId).digest("base64url");
}

function tokenMatches(sessionId: string, token: string): boolean {
  return equalBytes(Buffer.from(sessionToken(sessionId)), Buffer.from(token));
}

// ------------------------------------------------------------------------------ sessions

export async function startWidgetSession(db: Db, source: WidgetSource, input: unknown, now = new Date()) {
  const context = ZStartSession.parse(input);
  const { language } = await loadAnalysisSettings(db);
  const greeting: ChatMessage = { role: "bot", text: language.botReplies.greeting, at: now.toISOString() };
  const session = await db.widgetSession.create({
    data: {
      sourceId: source.id,
      messages: [greeting] as unknown as Prisma.InputJsonValue,
      messageCount: 1,
      pageUrl: context.pageUrl ?? null,
      referrer: context.referrer || null,
      utm: context.utm ?? undefined,
      locale: context.locale ?? null,
      progress: INITIAL_PROGRESS,
      spamReason: context.website ? "honeypot" : null,
      createdAt: now,
      lastActivityAt: now,
    },
    select: { id: true },
  });
  return {
    sessionId: session.id,
    token: sessionToken(session.id),
    messages: [greeting],
    state: INITIAL_PROGRESS.state,
    ui: null,
    // The widget waits this long before a first message, so a quick typist is never taken for a script.
    minFirstMessageMs: getEnv().WIDGET_MIN_FIRST_MESSAGE_MS,
  };
}

interface LoadedSession {
  id: string;
  messages: ChatMessage[];
  progress: WidgetProgress;
  visitor: IngestConversation["visitor"] | null;
  consentEvents: NonNullable<IngestConversation["consentEvents"]>;
  pageUrl: string | null;
  referrer: string | null;
  utm: IngestConversation["utm"] | null;
  locale: string | null;
  spamReason: string | null;
  ingestedCount: number;
  messageCount: number;
  version: number;
  createdAt: Date;
  lastTurn: { id: string | null; reply: WidgetReply } | null;
}

async function loadSession(db: Db, source: WidgetSource, sessionId: string, token: string, now: Date) {
  const expired = new AppError("NOT_FOUND", "this chat has ended or expired; start a new one");
  if (!isSessionToken(sessionId, token)) throw expired;
  const row = await db.widgetSession.findFirst({ where: { id: sessionId, sourceId: source.id } });
  if (!row || now.getTime() - row.lastActivityAt.getTime() > WIDGET_LIMITS.sessionHours * 3_600_000) throw expired;
  return {
    ...row,
    messages: row.messages as unknown as ChatMessage[],
    progress: ZWidgetProgress.parse(row.progress),
    visitor: row.visitor as IngestConversation["visitor"] | null,
    consentEvents: (row.consentEvents ?? []) as NonNullable<IngestConversation["consentEvents"]>,
    utm: row.utm as IngestConversation["utm"] | null,
    lastTurn: row.lastTurn as LoadedSession["lastTurn"],
  } satisfies LoadedSession;
}

/**
 * One visitor turn: their message (or form details, or consent answer) is added, the whole chat is
 * analysed by the decision rules in force, and the bot's words come from approved language (or the
 * FAQ, checked). The conversation goes through ingest when the bot's plan says so, or when it
 * already has (so later messages reach the same case or handoff). A turn sent again with the same
 * `turnId` (its answer was lost on the way) gets the stored answer and changes nothing.
 */
export async function postWidgetMessage(
  db: Db,
  source: WidgetSource,
  sessionId: string,
  input: WidgetMessageInput,
  now = new Date(),
): Promise<WidgetReply> {
  const session = await loadSession(db, source, sessionId, input.token, now);
  const last = session.lastTurn;
  if (input.turnId && last?.id === input.turnId) return last.reply;
  const quiet = (): WidgetReply => ({ messages: [], state: session.progress.state, ui: null, handToHuman: false });
  if (session.messageCount >= WIDGET_LIMITS.messages) {
    throw new AppError("BAD_REQUEST", "This chat is as long as a chat can be: our team will read it as it is.", {
      apiCode: "chat_too_long",
    });
  }
  const visitorCount = session.messages.filter((m) => m.role === "visitor").length;
  // Bots are answered as if nothing happened, so they learn nothing; their chat is never ingested.
  // (The widget waits out the minimum itself, so a person is never caught by the timing.)
  const spamReason =
    session.spamReason ??
    (input.website
      ? "honeypot"
      : visitorCount === 0 && now.getTime() - session.createdAt.getTime() < getEnv().WIDGET_MIN_FIRST_MESSAGE_MS
        ? "too_fast"
        : null);
  if (spamReason) {
    if (!session.spamReason) logger.info("widget chat ignored as automated", { sessionId, reason: spamReason });
    await db.widgetSession.update({
      where: { id: session.id },
      data: { spamReason, lastActivityAt: now, leftAt: null },
    });
    return quiet();
  }

  const { policy, language } = await loadAnalysisSettings(db);
  const wording = currentConsentWording(language);
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const pendingVersion = session.progress.consentPending;
  const text = input.text?.trim();
  // A consent button counts only for the question still open, and only for the words it showed.
  const consentClick =
    input.consent && pendingVersion && (!input.consentVersion || input.consentVersion === pendingVersion)
      ? input.consent
      : null;
  if (!text && !input.contact && !consentClick) return { ...quiet(), ui: last?.reply.ui ?? null };

  let messages = [...session.messages];
  if (text) messages.push({ role: "visitor", text, at: at(0) });
  let visitor = session.visitor ?? undefined;
  let correction = false;
  if (input.contact) {
    const { name, email, phone } = input.contact;
    visitor = { ...visitor, ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    // What they typed into the form, labelled, so the transcript shows it where it arrived. The
    // form sent again right after (a typo put right) replaces its line: the same form, edited.
    const lines = [name && `Name: ${name}`, email && `Email: ${email}`, phone && `Phone: ${phone}`].filter(Boolean);
    const line: ChatMessage = { role: "visitor", text: lines.join("\n"), at: at(0), via: "form" };
    const lastVisitor = messages.findLastIndex((m) => m.role === "visitor");
    correction = !text && messages[lastVisitor]?.via === "form";
    if (correction) messages = messages.with(lastVisitor, line);
    else messages.push(line);
  }

  const consentEvents = [...session.consentEvents];
  let recordedConsent: "given" | "refused" | null = consentClick;
  // (A button for another wording is a stale page: its label is not read as an answer either.)
  if (!recordedConsent && !input.consent && pendingVersion && text) {
    // A typed "yes" to the consent question counts as the button does, read against the words shown.
    const shown = language.consentWordings.find((w) => w.version === pendingVersion) ?? wording;
    recordedConsent = consentAnswer(shown.text, text, policy);
  }
  if (recordedConsent && pendingVersion) {
    consentEvents.push({ status: recordedConsent, wordingVersion: pendingVersion, at: at(0) });
  }

  let reply: WidgetReply;
  let progress = session.progress;
  let ingestNow = session.ingestedCount > 0;
  if (correction) {
    // Nothing new to answer: the ask that was open stays open.
    reply = { messages: [], state: progress.state, ui: last?.reply.ui ?? null, handToHuman: false };
  } else {
    const brief = analyze(messages, session, policy);
    const faq = await maybeAnswerFromFaq(db, source, session.progress, brief, text, messages, policy);
    const plan = planWidgetTurn({
      progress: session.progress,
      brief,
      recordedConsent,
      consentOnRecord: consentEvents.at(-1)?.status ?? null,
      formContact: Boolean(visitor?.email || visitor?.phone),
      language: { botReplies: language.botReplies, consentWordings: language.consentWordings, consent: wording },
      faqAnswer: faq.answer,
      faqBlocked: faq.blocked,
      lastBotLine: messages.findLast((m) => m.role === "bot")?.text ?? null,
    });
    const said = plan.say.map((line, i): ChatMessage => ({
      role: "bot",
      text: line,
      at: at(i + 1),
      ...(faq.answer && i === 0 && line === faq.answer ? { via: "faq" as const } : {}),
    }));
    messages = [...messages, ...said];
    progress = plan.progress;
    ingestNow ||= plan.ingest;
    reply = { messages: said, state: plan.progress.state, ui: plan.ui, handToHuman: plan.handToHuman };
  }

  const saved = await db.widgetSession.updateMany({
    where: { id: session.id, version: session.version },
    data: {
      messages: messages as unknown as Prisma.InputJsonValue,
      messageCount: messages.length,
      visitor: visitor ?? undefined,
      consentEvents: consentEvents.length ? consentEvents : undefined,
      progress,
      lastTurn: { id: input.turnId ?? null, reply } as unknown as Prisma.InputJsonValue,
      version: { increment: 1 },
      lastActivityAt: now,
      leftAt: null,
    },
  });
  if (saved.count === 0)
    throw new AppError("CONFLICT", "another message of this chat arrived at the same time; send again");
  // A correction changes the transcript without adding to it: ingest must see the new content.
  if (ingestNow) {
    await ingestSession(db, source, {
      ...session,
      messages,
      messageCount: messages.length,
      visitor: visitor ?? null,
      consentEvents: consentEvents.length ? consentEvents : null,
    });
  }
  return reply;
}

/** Whether the token is this session's (checked before anything is counted or read for it). */
export function isSessionToken(sessionId: string, token: string): boolean {
  return z.uuid().safeParse(sessionId).success && tokenMatches(sessionId, token);
}

/** The page closed (a beacon): the chat is ingested after a short grace unless it carries on. */
export async function markWidgetSessionLeft(db: Db, source: WidgetSource, sessionId: string, token: string) {
  const now = new Date();
  const session = await loadSession(db, source, sessionId, token, now);
  await db.widgetSession.update({ where: { id: session.id }, data: { leftAt: now } });
}

/** What ingest needs of a session: as just written by a turn, or as the sweep read it. */
export interface SessionSnapshot {
  id: string;
  messages: unknown;
  messageCount: number;
  pageUrl: string | null;
  referrer: string | null;
  utm: unknown;
  locale: string | null;
  visitor: unknown;
  consentEvents: unknown;
  ingestFailures: number;
}

/**
 * The session's transcript through ingest, as one conversation (external id = the session id).
 * Errors are logged, not thrown: the visitor's message is saved, and the sweep tries again.
 */
export async function ingestSession(db: Db, source: AuthenticatedSource, session: SessionSnapshot) {
  try {
    const payload = ZIngestConversation.parse({
      externalId: session.id,
      messages: session.messages,
      pageUrl: session.pageUrl ?? undefined,
      referrer: session.referrer ?? undefined,
      utm: session.utm ?? undefined,
      locale: session.locale ?? undefined,
      visitor: session.visitor ?? undefined,
      consentEvents: session.consentEvents ?? undefined,
    });
    const outcome = await ingestConversation(db, source, payload);
    // Unless a later turn has written more meanwhile (it ingests that itself).
    await db.widgetSession.updateMany({
      where: { id: session.id, messageCount: session.messageCount },
      data: {
        ingestedCount: session.messageCount,
        conversationId: outcome.conversationId,
        leftAt: null,
        ingestFailures: 0,
      },
    });
    return outcome;
  } catch (error) {
    const failures = session.ingestFailures + 1;
    await db.widgetSession.update({ where: { id: session.id }, data: { ingestFailures: failures } }).catch(() => {});
    logger.error(
      failures >= WIDGET_LIMITS.ingestAttempts
        ? "widget chat could not be ingested; giving up on it"
        : "widget chat could not be ingested; the sweep will retry",
      { sessionId: session.id, failures, err: error },
    );
    return null;
  }
}

function analyze(messages: ChatMessage[], session: LoadedSession, policy: Parameters<typeof analyzeWithRules>[1]) {
  return analyzeWithRules(
    {
      messages: messages.map((m) => ({ role: m.role, text: m.text, at: m.at })),
      pageUrl: session.pageUrl,
      referrer: session.referrer,
      campaign: session.utm ?? null,
      locale: session.locale,
    },
    policy,
  );
}

/** The visitor's reply to the consent question, read by the analysis's consent rules: yes, no, or neither. */
function consentAnswer(question: string, reply: string, policy: Parameters<typeof analyzeWithRules>[1]) {
  const status = analyzeWithRules(
    {
      messages: [
        { role: "bot", text: question },
        { role: "visitor", text: reply },
      ],
    },
    policy,
  ).consent.status;
  return status === "given" || status === "refused" ? status : null;
}

/** A general question answered from the admin's FAQ, when a model and a FAQ are set up. */
async function maybeAnswerFromFaq(
  db: Db,
  source: WidgetSource,
  progress: WidgetProgress,
  brief: Brief,
  text: string | undefined,
  messages: ChatMessage[],
  policy: Parameters<typeof analyzeWithRules>[1],
): Promise<{ answer: string | null; blocked: boolean }> {
  const none = { answer: null, blocked: false };
  const action = brief.nextAction.action;
  if (!text || !source.settings.faq.trim() || !asksAQuestion(text)) return none;
  if (progress.state !== "open" && progress.state !== "handed_off") return none;
  if (action === "stop_bot" || action === "escalate" || action === "discard") return none;
  // A chat is not a free line to the model: a few answers, then the team.
  if (messages.filter((m) => m.via === "faq").length >= WIDGET_LIMITS.faqAnswers) return none;
  const resolved = await resolveModel(db);
  const model = resolved && createAnalysisModel(resolved.settings);
  if (!resolved || !model) return none;
  const result = await answerFromFaq(
    model,
    { faq: source.settings.faq, question: text, recent: messages.slice(-6, -1) },
    { timeoutMs: resolved.timeoutMs, policy },
  );
  if (result.kind === "answer") return { answer: result.text, blocked: false };
  if (result.kind === "blocked") {
    logger.info("a FAQ answer was refused by the checks; the team answers instead", {
      sourceId: source.id,
      risks: result.risks,
    });
    return { answer: null, blocked: true };
  }
  return none;
}
