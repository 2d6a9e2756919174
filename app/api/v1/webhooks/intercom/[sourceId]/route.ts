import { handleIntercomWebhook } from "@/server/http/platform-webhook-route";

// Intercom webhook notifications (conversation.user.created, .user.replied, .admin.replied,
// .admin.closed), checked by X-Hub-Signature or the URL's secret token. See server/integrations/intercom.ts.
export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ sourceId: string }> }) {
  return handleIntercomWebhook(request, (await context.params).sourceId);
}
