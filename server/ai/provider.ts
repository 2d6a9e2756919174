import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { createOllama } from "ollama-ai-provider-v2";
import type { AppEnv } from "../env";

export type ModelSettings = Pick<
  AppEnv,
  "ANALYSIS_MODEL_PROVIDER" | "ANALYSIS_MODEL" | "ANALYSIS_MODEL_BASE_URL" | "ANALYSIS_MODEL_API_KEY"
>;

/** The configured analysis model, or null when none is configured (the rules analyzer is used). */
export function createAnalysisModel(settings: ModelSettings): LanguageModel | null {
  const {
    ANALYSIS_MODEL_PROVIDER: provider,
    ANALYSIS_MODEL: model,
    ANALYSIS_MODEL_BASE_URL: baseURL,
    ANALYSIS_MODEL_API_KEY: apiKey,
  } = settings;
  if (provider === "none" || !model) return null;
  switch (provider) {
    case "openai-compatible":
      return createOpenAICompatible({
        name: "analysis",
        baseURL: baseURL!,
        apiKey,
        supportsStructuredOutputs: true,
      }).chatModel(model);
    case "openai":
      return createOpenAI({ apiKey, baseURL })(model);
    case "anthropic":
      return createAnthropic({ apiKey, baseURL })(model);
    case "ollama":
      return createOllama({ baseURL: baseURL ?? "http://localhost:11434/api" })(model);
  }
}
