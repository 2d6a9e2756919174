import { createTRPCRouter } from "../trpc";

export const repliesRouter = createTRPCRouter({});
