import {
  listQueue,
  queueCounts,
  queueFilterOptions,
  ZQueueFilters,
  ZQueueListInput,
} from "../../services/review/queue";
import { createTRPCRouter, procedureWith } from "../trpc";

// The review queue (/queue) and the list of every case (/cases) share one service: the queue is
// for people who work cases, the case list for anyone who may read them.
export const queueRouter = createTRPCRouter({
  list: procedureWith("queue:work")
    .input(ZQueueListInput)
    .query(({ ctx, input }) => listQueue(ctx.user, input)),
  counts: procedureWith("queue:work")
    .input(ZQueueFilters)
    .query(({ ctx, input }) => queueCounts(ctx.user, input)),
  allCases: procedureWith("cases:read")
    .input(ZQueueListInput)
    .query(({ ctx, input }) => listQueue(ctx.user, input)),
  allCounts: procedureWith("cases:read")
    .input(ZQueueFilters)
    .query(({ ctx, input }) => queueCounts(ctx.user, input)),
  filterOptions: procedureWith("cases:read").query(({ ctx }) => queueFilterOptions(ctx.db)),
});
