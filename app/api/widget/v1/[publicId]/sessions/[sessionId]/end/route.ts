import { handleWidgetEnd } from "@/server/http/widget-route";

// The visitor's page closed (navigator.sendBeacon, text/plain: no preflight). See widget-route.ts.
export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ publicId: string; sessionId: string }> }) {
  const { publicId, sessionId } = await context.params;
  return handleWidgetEnd(request, publicId, sessionId);
}
