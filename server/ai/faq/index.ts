import { generateText, Output, type LanguageModel } from "ai";
import { z } from "zod";
import type { AnalysisPolicy } from "../../domain/analysis";
import { faqAnswerRisks } from "../../domain/bot/faq-gate";

// The widget's bot may answer a general question from the admin's FAQ text when a language model
// is set up. The model answers only from that text, or says it cannot; whatever it writes then
// passes the promise check and a stricter gate for unreviewed answers (domain/bot/faq-gate.ts); a
// blocked answer is never shown.

export const ZFaqAnswer = z.object({
  /** False when the FAQ text does not answer the question. */
  answerable: z.boolean(),
  /** One to three short sentences, from the FAQ text only. */
  answer: z.string().max(600),
});

export type FaqResult =
  | { kind: "answer"; text: string }
  | { kind: "blocked"; risks: string[] }
  | { kind: "none"; reason: "not_in_faq" | "failed" };

const SYSTEM = `You answer a website visitor's general question for a business, using ONLY the FAQ text provided.
Rules:
- If the FAQ text does not clearly answer the question, set answerable to false and answer to "".
- Never state or estimate prices, costs, fees, discounts, dates, times, how long anything takes, availability, results or guarantees, even if the FAQ mentions them; for those set answerable to false.
- Never say the business can do something the FAQ does not say; never promise anything.
- Answer in one to three short, plain sentences, in the visitor's language.`;

export interface FaqQuestion {
  faq: string;
  question: string;
  /** The last few messages, for context ("do you do that in Leeds?"). */
  recent: { role: string; text: string }[];
}

export async function answerFromFaq(
  model: LanguageModel,
  input: FaqQuestion,
  options: { timeoutMs: number; policy?: AnalysisPolicy },
): Promise<FaqResult> {
  let parsed: z.infer<typeof ZFaqAnswer>;
  try {
    const result = await generateText({
      model,
      system: SYSTEM,
      prompt: [
        "FAQ text:\n<<<\n" + input.faq + "\n>>>",
        "Recent messages:\n" + input.recent.map((m) => `${m.role}: ${m.text}`).join("\n"),
        "The visitor's question:\n" + input.question,
      ].join("\n\n"),
      output: Output.object({ schema: ZFaqAnswer }),
      maxOutputTokens: 400,
      abortSignal: AbortSignal.timeout(options.timeoutMs),
    });
    parsed = result.output;
  } catch {
    return { kind: "none", reason: "failed" };
  }
  const text = parsed.answer.trim();
  if (!parsed.answerable || !text) return { kind: "none", reason: "not_in_faq" };
  const risks = faqAnswerRisks(text, options.policy);
  if (risks.length) return { kind: "blocked", risks };
  return { kind: "answer", text };
}
