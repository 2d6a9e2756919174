import { navigationFor } from "../../auth/permissions";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const viewerRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ({
    ...ctx.user,
    navigation: navigationFor(ctx.user.role).map(({ href, label }) => ({ href, label })),
  })),
});
