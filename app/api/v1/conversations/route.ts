import { handleIngestConversation } from "@/server/http/ingest-conversation-route";

// Chat platforms post conversations here (API key; optional Standard Webhooks signature). The
// handler checks the input and the source before anything is written; see server/http/api-v1.ts.
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleIngestConversation(request);
}
