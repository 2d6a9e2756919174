import { auditRouter } from "./routers/audit";
import { casesRouter } from "./routers/cases";
import { dashboardsRouter } from "./routers/dashboards";
import { dataProtectionRouter } from "./routers/data-protection";
import { inboxRouter } from "./routers/inbox";
import { integrationsRouter } from "./routers/integrations";
import { languageRouter, policyRouter } from "./routers/policy";
import { queueRouter } from "./routers/queue";
import { repliesRouter } from "./routers/replies";
import { routingRouter } from "./routers/routing";
import { invitationsRouter, usersRouter } from "./routers/users";
import { viewerRouter } from "./routers/viewer";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  viewer: viewerRouter,
  users: usersRouter,
  invitations: invitationsRouter,
  audit: auditRouter,
  queue: queueRouter,
  cases: casesRouter,
  inbox: inboxRouter,
  replies: repliesRouter,
  dashboards: dashboardsRouter,
  routing: routingRouter,
  policy: policyRouter,
  language: languageRouter,
  dataProtection: dataProtectionRouter,
  integrations: integrationsRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls (tests, server components) through the same procedures and checks. */
export const createCaller = createCallerFactory(appRouter);
