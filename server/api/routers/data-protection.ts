import {
  eraseContact,
  exportContact,
  lookupContact,
  ZContactSubject,
  ZEraseInput,
} from "../../services/data-protection/contacts";
import {
  getRetention,
  setRetention,
  sweepRetention,
  ZRetentionSettings,
} from "../../services/data-protection/retention";
import { createTRPCRouter, procedureWith } from "../trpc";

// Data protection (settings, admins only): the retention period and its job, and a contact's data
// on request (look up, export as JSON, erase). Every write and every export is audited.
const admin = procedureWith("settings:manage");

export const dataProtectionRouter = createTRPCRouter({
  retention: admin.query(({ ctx }) => getRetention(ctx.db)),
  setRetention: admin.input(ZRetentionSettings).mutation(({ ctx, input }) => setRetention(ctx.db, ctx.user.id, input)),
  /** Runs the retention job now, as the daily schedule would. */
  runRetention: admin.mutation(({ ctx }) => sweepRetention(ctx.db)),
  lookupContact: admin.input(ZContactSubject).query(({ ctx, input }) => lookupContact(ctx.db, input)),
  exportContact: admin.input(ZContactSubject).mutation(({ ctx, input }) => exportContact(ctx.db, ctx.user.id, input)),
  eraseContact: admin.input(ZEraseInput).mutation(({ ctx, input }) => eraseContact(ctx.db, ctx.user.id, input)),
});
