export { analyzeWithRules, InvalidConversationError, redecide } from "./analyze";
export { blankSensitive, maskBrief, maskedQuote } from "./mask";
export { locateQuote, mergeModelClaims, ZModelClaims, type ModelClaims } from "./model-claims";
export { DEFAULT_POLICY, compilePolicy, PolicyPatternError, PolicyValueError, type AnalysisPolicy } from "./policy";
export { ZConversation } from "./schema";
export { redactText, passesLuhn, isValidIban } from "./sensitive";
export * from "./types";
