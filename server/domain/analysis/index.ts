export { analyzeWithRules, InvalidConversationError } from "./analyze";
export { DEFAULT_POLICY, compilePolicy, PolicyPatternError, type AnalysisPolicy } from "./policy";
export { ZConversation } from "./schema";
export { redactText, passesLuhn, isValidIban } from "./sensitive";
export * from "./types";
