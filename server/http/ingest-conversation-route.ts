import { getDb } from "../db/client";
import { ingestConversation } from "../services/ingest/ingest-conversation";
import { ZIngestConversation } from "../services/ingest/payload";
import { acceptApiRequest, apiFailure, withIdempotencyKey } from "./api-v1";

/** POST /api/v1/conversations: a conversation in, where it went out (201 new, 200 updated or the same). */
export async function handleIngestConversation(request: Request): Promise<Response> {
  try {
    const db = getDb();
    const accepted = await acceptApiRequest(db, request, ZIngestConversation);
    if (!accepted.ok) return accepted.response;
    const { source, body } = accepted.value;
    return await withIdempotencyKey(db, request, accepted.value, async () => {
      const outcome = await ingestConversation(db, source, body);
      return { status: outcome.created ? 201 : 200, body: outcome };
    });
  } catch (error) {
    return apiFailure("POST /api/v1/conversations", error);
  }
}
