import "server-only";
import { getCurrentUser } from "../auth/guards";
import { getDb } from "../db/client";
import type { TRPCContext } from "./trpc";

/** tRPC context for an HTTP request: the database and the user behind the session cookie. */
export async function createRequestContext(): Promise<TRPCContext> {
  return { db: getDb(), user: await getCurrentUser() };
}
