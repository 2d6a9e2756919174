import "server-only";
import { clientAddress } from "../auth/client-address";
import { getCurrentUser } from "../auth/guards";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import type { TRPCContext } from "./trpc";

/** tRPC context for an HTTP request: the database, the user behind the session cookie, and the client's address. */
export async function createRequestContext(opts?: { req: Request }): Promise<TRPCContext> {
  return {
    db: getDb(),
    user: await getCurrentUser(),
    clientAddress: opts ? clientAddress(opts.req.headers, getEnv().TRUSTED_PROXY_HOPS) : undefined,
  };
}
