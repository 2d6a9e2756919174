import { z } from "zod";
import { MESSAGE_ROLES } from "./types";

// What the analysis accepts. Limits are generous for real chats and keep a single request bounded.
export const MAX_MESSAGES = 2_000;
export const MAX_MESSAGE_CHARS = 200_000;

export const ZMessage = z.object({
  role: z.enum(MESSAGE_ROLES, { message: `role must be one of ${MESSAGE_ROLES.join(", ")}` }),
  text: z.string().max(MAX_MESSAGE_CHARS, `text must be at most ${MAX_MESSAGE_CHARS} characters`),
  at: z.string().max(64).nullish(),
});

export const ZCampaign = z.object({
  source: z.string().max(200).nullish(),
  medium: z.string().max(200).nullish(),
  campaign: z.string().max(200).nullish(),
  term: z.string().max(200).nullish(),
  content: z.string().max(200).nullish(),
});

export const ZConversation = z.object({
  messages: z.array(ZMessage).max(MAX_MESSAGES, `a conversation has at most ${MAX_MESSAGES} messages`),
  pageUrl: z.string().max(4_096).nullish(),
  referrer: z.string().max(4_096).nullish(),
  campaign: ZCampaign.nullish(),
  locale: z.string().max(35).nullish(),
});
