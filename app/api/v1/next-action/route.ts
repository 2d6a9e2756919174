import { handleNextAction } from "@/server/http/next-action-route";

// A bot asks what to do next in a live chat (API key; nothing is stored). See server/http/api-v1.ts.
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleNextAction(request);
}
