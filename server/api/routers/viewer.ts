import { navigationFor } from "../../auth/permissions";
import { changeOwnPassword } from "../../services/people/people";
import { ZChangePassword } from "../../services/people/people-input";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const viewerRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ({
    ...ctx.user,
    navigation: navigationFor(ctx.user.role).map(({ href, label }) => ({ href, label })),
  })),
  /** Any signed-in user's own password (the only thing open after signing in with a one-time password). */
  changePassword: protectedProcedure
    .input(ZChangePassword)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user, input)),
});
