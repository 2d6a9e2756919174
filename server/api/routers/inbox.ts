import { createTRPCRouter } from "../trpc";

export const inboxRouter = createTRPCRouter({});
