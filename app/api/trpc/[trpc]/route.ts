import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createRequestContext } from "@/server/api/request-context";
import { logger } from "@/server/logger";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ req }) => createRequestContext({ req }),
    // The console sends queries as POST (components/providers/trpc.tsx), keeping input out of URLs.
    allowMethodOverride: true,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error("trpc request failed", { path, err: error.cause ?? error });
    },
  });
}

export { handler as GET, handler as POST };
