import { z } from "zod";
import { MAX_PASTED_CHARS } from "../../domain/analysis/pasted-transcript";
import {
  LANGUAGE,
  languageTopics,
  POLICY,
  policyReference,
  testPolicyDraft,
} from "../../services/settings/analysis-settings";
import { listAllTemplates, saveTemplate, ZTemplateInput } from "../../services/replies/templates";
import {
  discardDraft,
  getEditorState,
  listVersions,
  previewPublish,
  publish,
  rollback,
  saveDraft,
} from "../../services/settings/versioned";
import { createTRPCRouter, procedureWith } from "../trpc";

// The escalation policy and approved language (settings, admins only): drafts, a test box, publish
// with the changes listed, version history and rollback, as the routing editor has. Every write is
// audited by the services.
const admin = procedureWith("settings:manage");

const ZSave = z.object({
  document: z.unknown(),
  baseVersion: z.number().int().min(0),
  draftRevision: z.string().datetime({ offset: true }).nullable(),
});
const ZPublish = z.object({
  document: z.unknown(),
  baseVersion: z.number().int().min(0),
  note: z.string().trim().max(500, "note must be at most 500 characters").optional(),
  draftRevision: z.string().datetime({ offset: true }).nullable().optional(),
});
const ZRollback = z.object({ toVersion: z.number().int().min(0), currentVersion: z.number().int().min(0) });

export const policyRouter = createTRPCRouter({
  editor: admin.query(async ({ ctx }) => ({ ...(await getEditorState(ctx.db, POLICY)), reference: policyReference() })),
  versions: admin.query(({ ctx }) => listVersions(ctx.db, POLICY)),
  saveDraft: admin.input(ZSave).mutation(({ ctx, input }) => saveDraft(ctx.db, POLICY, ctx.user.id, input)),
  discardDraft: admin.mutation(({ ctx }) => discardDraft(ctx.db, "policy", ctx.user.id)),
  test: admin
    .input(
      z.object({
        document: z.unknown(),
        text: z.string().trim().min(1, "text: write or paste something to test").max(MAX_PASTED_CHARS),
        pageUrl: z.string().trim().max(2_000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => testPolicyDraft(ctx.db, input)),
  preview: admin
    .input(z.object({ document: z.unknown() }))
    .query(({ ctx, input }) => previewPublish(ctx.db, POLICY, input.document)),
  publish: admin.input(ZPublish).mutation(({ ctx, input }) => publish(ctx.db, POLICY, ctx.user.id, input)),
  rollback: admin.input(ZRollback).mutation(({ ctx, input }) => rollback(ctx.db, POLICY, ctx.user.id, input)),
});

export const languageRouter = createTRPCRouter({
  editor: admin.query(async ({ ctx }) => ({
    ...(await getEditorState(ctx.db, LANGUAGE)),
    topics: await languageTopics(ctx.db),
    builtInDefaultQuestion: policyReference().defaultClarifyingQuestion,
  })),
  versions: admin.query(({ ctx }) => listVersions(ctx.db, LANGUAGE)),
  saveDraft: admin.input(ZSave).mutation(({ ctx, input }) => saveDraft(ctx.db, LANGUAGE, ctx.user.id, input)),
  discardDraft: admin.mutation(({ ctx }) => discardDraft(ctx.db, "language", ctx.user.id)),
  preview: admin
    .input(z.object({ document: z.unknown() }))
    .query(({ ctx, input }) => previewPublish(ctx.db, LANGUAGE, input.document)),
  publish: admin.input(ZPublish).mutation(({ ctx, input }) => publish(ctx.db, LANGUAGE, ctx.user.id, input)),
  rollback: admin.input(ZRollback).mutation(({ ctx, input }) => rollback(ctx.db, LANGUAGE, ctx.user.id, input)),
  templates: admin.query(({ ctx }) => listAllTemplates(ctx.db)),
  saveTemplate: admin.input(ZTemplateInput).mutation(({ ctx, input }) => saveTemplate(ctx.db, ctx.user.id, input)),
});
