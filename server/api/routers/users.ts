import { listTeamsWithMembers, listUsersForAdmin, setUserActive, ZSetUserActiveInput } from "../../services/users";
import { createTRPCRouter, procedureWith } from "../trpc";

export const usersRouter = createTRPCRouter({
  list: procedureWith("users:manage").query(({ ctx }) => listUsersForAdmin(ctx.db)),
  teams: procedureWith("users:manage").query(({ ctx }) => listTeamsWithMembers(ctx.db)),
  setActive: procedureWith("users:manage")
    .input(ZSetUserActiveInput)
    .mutation(({ ctx, input }) => setUserActive(ctx.db, ctx.user.id, input)),
});
