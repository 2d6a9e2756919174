import { z } from "zod";
import { getEnv } from "../../env";
import { getJobs } from "../../jobs/runtime";
import {
  createWebhookEndpoint,
  listDeliveries,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
  ZCreateEndpoint,
  ZUpdateEndpoint,
} from "../../services/outbound/webhooks";
import { listWebhookEndpoints } from "../../services/outbound/webhooks";
import {
  getIntegrations,
  resetIntegration,
  setAlertSettings,
  setEmailSettings,
  setModelSettings,
  testAlert,
  testEmail,
  testModel,
  ZAlertsInput,
  ZEmailInput,
  ZModelInput,
} from "../../services/settings/integrations";
import {
  createSource,
  listSources,
  platformWebhookUrl,
  revokeSource,
  rotateSourceKey,
  setPlatformSecret,
  ZCreateSource,
} from "../../services/sources";
import { listWidgets, updateWidgetSettings, ZWidgetSettings } from "../../services/widget/widget-settings";
import { createTRPCRouter, procedureWith } from "../trpc";

// Sources and integrations (settings, admins only): API keys, webhook endpoints with their delivery
// log, and the email, alert and language-model settings with a test for each. Secrets are shown
// once when made and never returned again.
const admin = procedureWith("settings:manage");
const ZId = z.object({ id: z.uuid("id must be an id") });
const ZSourceName = z.object({ name: z.string().trim().min(1, "name is required").max(100) });

export const integrationsRouter = createTRPCRouter({
  sources: admin.query(({ ctx }) => listSources(ctx.db)),
  createSource: admin.input(ZCreateSource).mutation(async ({ ctx, input }) => {
    const issued = await createSource(ctx.db, ctx.user.id, input);
    const webhookUrl = issued.webhookUrlToken
      ? `${platformWebhookUrl(getEnv().APP_URL, issued)}?token=${issued.webhookUrlToken}`
      : null;
    return { ...issued, webhookUrl };
  }),
  rotateSourceKey: admin
    .input(
      ZSourceName.extend({
        graceMinutes: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 60)
          .default(60),
      }),
    )
    .mutation(({ ctx, input }) => rotateSourceKey(ctx.db, ctx.user.id, input.name, input.graceMinutes)),
  revokeSource: admin.input(ZSourceName).mutation(async ({ ctx, input }) => {
    await revokeSource(ctx.db, ctx.user.id, input.name);
    return { revoked: true };
  }),
  setPlatformSecret: admin
    .input(
      ZSourceName.extend({
        secret: z.string().trim().min(8, "secret must be at least 8 characters").max(500).nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setPlatformSecret(ctx.db, ctx.user.id, input.name, input.secret);
      return { set: input.secret !== null };
    }),

  widgets: admin.query(({ ctx }) => listWidgets(ctx.db, getEnv().APP_URL)),
  updateWidget: admin
    .input(z.object({ sourceId: z.uuid("sourceId must be an id"), settings: ZWidgetSettings }))
    .mutation(({ ctx, input }) => updateWidgetSettings(ctx.db, ctx.user.id, input.sourceId, input.settings)),
  endpoints: admin.query(({ ctx }) => listWebhookEndpoints(ctx.db)),
  createEndpoint: admin
    .input(ZCreateEndpoint)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, ctx.user.id, input)),
  updateEndpoint: admin
    .input(ZUpdateEndpoint)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.db, ctx.user.id, input)),
  setEndpointEnabled: admin.input(ZId.extend({ enabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    await setWebhookEndpointEnabled(ctx.db, ctx.user.id, input.id, input.enabled);
    return { enabled: input.enabled };
  }),
  rotateEndpointSecret: admin
    .input(ZId)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.user.id, input.id)),
  sendTestEvent: admin
    .input(ZId)
    .mutation(async ({ ctx, input }) => sendTestEvent(ctx.db, await getJobs(), ctx.user.id, input.id)),
  deliveries: admin
    .input(z.object({ endpointId: z.uuid("endpointId must be an endpoint id") }))
    .query(({ ctx, input }) => listDeliveries(ctx.db, { endpointId: input.endpointId })),
  redeliver: admin
    .input(z.object({ deliveryId: z.uuid("deliveryId must be a delivery id") }))
    .mutation(async ({ ctx, input }) => {
      await redeliver(ctx.db, await getJobs(), ctx.user.id, input.deliveryId);
      return { queued: true };
    }),

  settings: admin.query(({ ctx }) => getIntegrations(ctx.db)),
  setEmail: admin.input(ZEmailInput).mutation(({ ctx, input }) => setEmailSettings(ctx.db, ctx.user.id, input)),
  setAlerts: admin.input(ZAlertsInput).mutation(({ ctx, input }) => setAlertSettings(ctx.db, ctx.user.id, input)),
  setModel: admin.input(ZModelInput).mutation(({ ctx, input }) => setModelSettings(ctx.db, ctx.user.id, input)),
  reset: admin
    .input(z.object({ which: z.enum(["email", "alerts", "model"]) }))
    .mutation(({ ctx, input }) => resetIntegration(ctx.db, ctx.user.id, input.which)),
  testEmail: admin.mutation(({ ctx }) => testEmail(ctx.db, ctx.user)),
  testAlert: admin.mutation(({ ctx }) => testAlert(ctx.db, ctx.user.id)),
  testModel: admin.mutation(({ ctx }) => testModel(ctx.db, ctx.user.id)),
});
