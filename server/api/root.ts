import { auditRouter } from "./routers/audit";
import { usersRouter } from "./routers/users";
import { viewerRouter } from "./routers/viewer";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  viewer: viewerRouter,
  users: usersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls (tests, server components) through the same procedures and checks. */
export const createCaller = createCallerFactory(appRouter);
