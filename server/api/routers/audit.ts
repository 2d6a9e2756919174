import { auditFilterOptions, listAuditEntries, ZAuditListInput } from "../../services/audit-log";
import { createTRPCRouter, procedureWith } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: procedureWith("audit:read")
    .input(ZAuditListInput)
    .query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  filterOptions: procedureWith("audit:read").query(({ ctx }) => auditFilterOptions(ctx.db)),
});
