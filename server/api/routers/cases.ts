import { createTRPCRouter } from "../trpc";

export const casesRouter = createTRPCRouter({});
