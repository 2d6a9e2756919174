import { z } from "zod";
import {
  acceptInvitation,
  createTeam,
  inviteUser,
  issueOneTimePassword,
  updateUser,
} from "../../services/people/people";
import { ZAcceptInvitation, ZCreateTeam, ZInviteInput, ZUpdateUserInput } from "../../services/people/people-input";
import { listTeamsWithMembers, listUsersForAdmin, setUserActive, ZSetUserActiveInput } from "../../services/users";
import { AppError } from "../../errors";
import { hitRateLimit } from "../../services/rate-limit";
import { createTRPCRouter, procedureWith, publicProcedure } from "../trpc";

const admin = procedureWith("users:manage");

export const usersRouter = createTRPCRouter({
  list: admin.query(({ ctx }) => listUsersForAdmin(ctx.db)),
  teams: admin.query(({ ctx }) => listTeamsWithMembers(ctx.db)),
  setActive: admin.input(ZSetUserActiveInput).mutation(({ ctx, input }) => setUserActive(ctx.db, ctx.user.id, input)),
  invite: admin.input(ZInviteInput).mutation(({ ctx, input }) => inviteUser(ctx.db, ctx.user.id, input)),
  update: admin.input(ZUpdateUserInput).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.user.id, input)),
  /** A new one-time password, shown once; the user's sessions end. */
  issuePassword: admin
    .input(z.object({ userId: z.uuid("userId must be a user id") }))
    .mutation(({ ctx, input }) => issueOneTimePassword(ctx.db, ctx.user.id, input.userId)),
  createTeam: admin.input(ZCreateTeam).mutation(({ ctx, input }) => createTeam(ctx.db, ctx.user.id, input)),
});

/** Tries at invitation links per client address in 15 minutes: a person needs a few, a guesser many. */
export const INVITATION_ATTEMPTS = 20;

/** The invitation link's page: no session yet, the link's token is the credential. */
export const invitationsRouter = createTRPCRouter({
  accept: publicProcedure.input(ZAcceptInvitation).mutation(async ({ ctx, input }) => {
    const limit = await hitRateLimit(`invitation:${ctx.clientAddress ?? "unknown"}`, INVITATION_ATTEMPTS, 15 * 60);
    if (!limit.allowed)
      throw new AppError(
        "TOO_MANY_REQUESTS",
        "Too many tries with invitation links. Wait a few minutes and try again.",
      );
    return acceptInvitation(ctx.db, input);
  }),
});
