import {
  approveReply,
  checkReplyText,
  draftReply,
  listConversationReplies,
  listPendingReplies,
  rejectReply,
  submitReply,
  ZApproveReplyInput,
  ZCheckReplyInput,
  ZConversationRepliesInput,
  ZDraftReplyInput,
  ZRejectReplyInput,
  ZSubmitReplyInput,
} from "../../services/replies/replies";
import { listActiveTemplates } from "../../services/replies/templates";
import { createTRPCRouter, procedureWith } from "../trpc";

// First replies. Writing one is open to whoever may reach the conversation (the handoff's owner, a
// reviewer from its case: the service decides); deciding on a flagged one needs `replies:approve`.
export const repliesRouter = createTRPCRouter({
  templates: procedureWith("inbox:read").query(({ ctx }) => listActiveTemplates(ctx.db)),
  draft: procedureWith("inbox:read")
    .input(ZDraftReplyInput)
    .query(({ ctx, input }) => draftReply(ctx.db, ctx.user, input)),
  // A mutation only so the text travels in a POST body (a query's input goes in the URL); it changes nothing.
  check: procedureWith("inbox:read")
    .input(ZCheckReplyInput)
    .mutation(({ ctx, input }) => checkReplyText(ctx.db, ctx.user, input)),
  forConversation: procedureWith("inbox:read")
    .input(ZConversationRepliesInput)
    .query(({ ctx, input }) => listConversationReplies(ctx.db, ctx.user, input)),
  submit: procedureWith("inbox:read")
    .input(ZSubmitReplyInput)
    .mutation(({ ctx, input }) => submitReply(ctx.db, ctx.user, input)),
  pending: procedureWith("replies:approve").query(({ ctx }) => listPendingReplies(ctx.db, ctx.user)),
  approve: procedureWith("replies:approve")
    .input(ZApproveReplyInput)
    .mutation(({ ctx, input }) => approveReply(ctx.db, ctx.user, input)),
  reject: procedureWith("replies:approve")
    .input(ZRejectReplyInput)
    .mutation(({ ctx, input }) => rejectReply(ctx.db, ctx.user, input)),
});
