import { handleChatwootWebhook } from "@/server/http/platform-webhook-route";

// Chatwoot account webhooks (message_created, conversation_created, conversation_status_changed),
// checked by X-Chatwoot-Signature or the URL's secret token. See server/integrations/chatwoot.ts.
export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ sourceId: string }> }) {
  return handleChatwootWebhook(request, (await context.params).sourceId);
}
