import { getEnv } from "@/server/env";
import { buildOpenApiDocument } from "@/server/http/openapi";

// Public: the API's description holds no secrets.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const serverUrl = getEnv().APP_URL ?? new URL(request.url).origin;
  return Response.json(buildOpenApiDocument(serverUrl), { headers: { "Cache-Control": "public, max-age=300" } });
}
