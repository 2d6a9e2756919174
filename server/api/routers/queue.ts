import { createTRPCRouter } from "../trpc";

export const queueRouter = createTRPCRouter({});
