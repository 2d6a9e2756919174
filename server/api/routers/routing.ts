import { z } from "zod";
import {
  discardRoutingDraft,
  getRoutingEditor,
  listRoutingVersions,
  previewRoutingPublish,
  publishRouting,
  recentConversationsForTest,
  replayRoutingDraft,
  rollbackRouting,
  saveRoutingDraft,
  testRoutingDraft,
} from "../../services/settings/routing-editor";
import {
  ZPublishInput,
  ZReplayInput,
  ZRollbackInput,
  ZSaveDraftInput,
  ZTestInput,
} from "../../services/settings/routing-input";
import { createTRPCRouter, procedureWith } from "../trpc";

// The routing rules editor: admins only (settings:manage), every write audited by the service.
const admin = procedureWith("settings:manage");

export const routingRouter = createTRPCRouter({
  editor: admin.query(({ ctx }) => getRoutingEditor(ctx.db)),
  versions: admin.query(({ ctx }) => listRoutingVersions(ctx.db)),
  saveDraft: admin.input(ZSaveDraftInput).mutation(({ ctx, input }) => saveRoutingDraft(ctx.db, ctx.user.id, input)),
  discardDraft: admin.mutation(({ ctx }) => discardRoutingDraft(ctx.db, ctx.user.id)),
  test: admin.input(ZTestInput).mutation(({ ctx, input }) => testRoutingDraft(ctx.db, input)),
  replay: admin.input(ZReplayInput).mutation(({ ctx, input }) => replayRoutingDraft(ctx.db, input)),
  preview: admin
    .input(z.object({ config: z.unknown() }))
    .query(({ ctx, input }) => previewRoutingPublish(ctx.db, input.config)),
  publish: admin.input(ZPublishInput).mutation(({ ctx, input }) => publishRouting(ctx.db, ctx.user.id, input)),
  rollback: admin.input(ZRollbackInput).mutation(({ ctx, input }) => rollbackRouting(ctx.db, ctx.user.id, input)),
  /** Recent conversations to test the draft on, newest first (no contact details). */
  recentConversations: admin.query(({ ctx }) => recentConversationsForTest(ctx.db)),
});
