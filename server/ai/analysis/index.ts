import { generateText, NoObjectGeneratedError, Output, type LanguageModel } from "ai";
import {
  analyzeWithRules,
  blankSensitive,
  DEFAULT_POLICY,
  mergeModelClaims,
  ZModelClaims,
  type AnalysisPolicy,
  type Brief,
  type Conversation,
} from "../../domain/analysis";
import { getEnv } from "../../env";
import { logger } from "../../logger";
import { createAnalysisModel, type ModelSettings } from "../provider";
import { ANALYSIS_SYSTEM_PROMPT, formatTranscript } from "./prompt";

export type FallbackReason = "model_error" | "timeout" | "invalid_output" | "truncated_output";

export class ModelAnalysisError extends Error {
  constructor(
    readonly reason: FallbackReason,
    message: string,
  ) {
    super(message);
    this.name = "ModelAnalysisError";
  }
}

export interface ModelAnalyzerOptions {
  model: LanguageModel;
  policy?: AnalysisPolicy;
  timeoutMs?: number;
}

async function askModel(conversation: Conversation, model: LanguageModel, timeoutMs: number) {
  try {
    const result = await generateText({
      model,
      system: ANALYSIS_SYSTEM_PROMPT,
      prompt: formatTranscript(conversation),
      output: Output.object({ schema: ZModelClaims }),
      abortSignal: AbortSignal.timeout(timeoutMs),
      maxRetries: 1,
      temperature: 0,
    });
    return result.output;
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      const truncated = error.finishReason === "length";
      throw new ModelAnalysisError(
        truncated ? "truncated_output" : "invalid_output",
        truncated ? "the model's answer was cut off" : "the model's answer did not fit the schema",
      );
    }
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      throw new ModelAnalysisError("timeout", `no answer within ${timeoutMs} ms`);
    }
    throw new ModelAnalysisError("model_error", error instanceof Error ? error.message : String(error));
  }
}

/**
 * The language-model analyzer: the model's claims, each grounded in a quoted message, merged over
 * the rules analyzer's brief (whose safety findings always stay). On a model error, timeout,
 * invalid or truncated output it returns the rules' brief and records why.
 */
export async function analyzeWithModel(conversation: Conversation, options: ModelAnalyzerOptions): Promise<Brief> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const rules = analyzeWithRules(conversation, policy);
  // Card numbers, passwords, IDs and health details never leave: the model sees them blanked.
  const seen = blankSensitive(conversation, rules.sensitive);
  try {
    const claims = await askModel(seen, options.model, options.timeoutMs ?? 20_000);
    const { brief, report } = mergeModelClaims(conversation, rules, claims, policy, seen);
    if (report.dropped.length)
      logger.info("model claims dropped: quotes not in the transcript", { dropped: report.dropped });
    return brief;
  } catch (error) {
    const reason: FallbackReason = error instanceof ModelAnalysisError ? error.reason : "model_error";
    logger.warn("model analysis failed; using the rules analyzer", { reason, err: error });
    return { ...rules, fallbackReason: reason };
  }
}

/** The analyzer the environment configures: the model's when one is set, else the rules'. */
export function createModelAnalyzerFromEnv(): (conversation: Conversation) => Promise<Brief> {
  const env = getEnv();
  const analyzer = createModelAnalyzer(env, env.ANALYSIS_MODEL_TIMEOUT_MS);
  if (!analyzer)
    throw new Error("No analysis model configured: set ANALYSIS_MODEL_PROVIDER and ANALYSIS_MODEL (see .env.example).");
  return analyzer;
}

/** An analyzer for these model settings (from the console's settings or the environment), or null for none. */
export function createModelAnalyzer(
  settings: ModelSettings,
  timeoutMs: number,
): ((conversation: Conversation, policy?: AnalysisPolicy) => Promise<Brief>) | null {
  const model = createAnalysisModel(settings);
  if (!model) return null;
  return (conversation, policy) => analyzeWithModel(conversation, { model, timeoutMs, policy });
}
