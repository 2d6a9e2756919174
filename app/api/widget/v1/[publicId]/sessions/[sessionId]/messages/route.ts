import { handleWidgetMessage, handleWidgetPreflight } from "@/server/http/widget-route";

// A visitor's message (or contact details, or consent answer) and the bot's reply (session token; CORS).
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ publicId: string; sessionId: string }> };

export async function POST(request: Request, context: Context) {
  const { publicId, sessionId } = await context.params;
  return handleWidgetMessage(request, publicId, sessionId);
}

export async function OPTIONS(request: Request, context: Context) {
  return handleWidgetPreflight(request, (await context.params).publicId);
}
