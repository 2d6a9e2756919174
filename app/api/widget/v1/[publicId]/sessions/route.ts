import { handleWidgetPreflight, handleWidgetSessionStart } from "@/server/http/widget-route";

// A visitor opens the chat widget: a new chat session with the greeting (public; CORS; rate-limited).
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ publicId: string }> };

export async function POST(request: Request, context: Context) {
  return handleWidgetSessionStart(request, (await context.params).publicId);
}

export async function OPTIONS(request: Request, context: Context) {
  return handleWidgetPreflight(request, (await context.params).publicId);
}
