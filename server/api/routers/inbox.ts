import {
  getInboxItem,
  listInbox,
  markResponded,
  ZInboxItemInput,
  ZInboxListInput,
  ZMarkRespondedInput,
} from "../../services/inbox/inbox";
import { createTRPCRouter, procedureWith } from "../trpc";

// The owner's inbox. Everyone may have handoffs (`inbox:read`); which ones they may open is the
// service's decision (their own; any for managers and admins).
export const inboxRouter = createTRPCRouter({
  list: procedureWith("inbox:read")
    .input(ZInboxListInput)
    .query(({ ctx, input }) => listInbox(ctx.db, ctx.user, input)),
  get: procedureWith("inbox:read")
    .input(ZInboxItemInput)
    .query(({ ctx, input }) => getInboxItem(ctx.db, ctx.user, input.handoffId)),
  markResponded: procedureWith("inbox:read")
    .input(ZMarkRespondedInput)
    .mutation(({ ctx, input }) => markResponded(ctx.db, ctx.user, input)),
});
