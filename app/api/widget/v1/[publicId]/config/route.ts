import { handleWidgetConfig, handleWidgetPreflight } from "@/server/http/widget-route";

// The chat widget's look and greeting, read by widget.js on the customer's page (public; CORS).
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ publicId: string }> };

export async function GET(request: Request, context: Context) {
  return handleWidgetConfig(request, (await context.params).publicId);
}

export async function OPTIONS(request: Request, context: Context) {
  return handleWidgetPreflight(request, (await context.params).publicId);
}
