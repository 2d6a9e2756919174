import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Permission } from "../auth/permissions";
import type { Db } from "../db/client";
import { AppError, type AppErrorCode } from "../errors";
import type { SessionUser } from "../services/session-user";

export interface TRPCContext {
  db: Db;
  /** The signed-in, active user, read fresh from the database for this request; null otherwise. */
  user: SessionUser | null;
  /** The client's address (X-Forwarded-For through the trusted proxies), for rate limits on public procedures. */
  clientAddress?: string;
}

const TRPC_CODES: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

const INTERNAL_MESSAGE = "Something went wrong on our side. Try again.";

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // An unexpected error's text (a database driver's, say) can name hosts or data: never send it.
      message: error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : shape.message,
      data: {
        ...shape.data,
        // Which field is wrong, by path, for forms and API clients.
        fieldErrors:
          cause instanceof ZodError
            ? z.flattenError(cause).fieldErrors
            : cause instanceof AppError && typeof cause.details?.field === "string"
              ? { [cause.details.field]: [cause.message] }
              : null,
        stack: undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Maps AppError, thrown by services, to its tRPC code: the one place that translation happens. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

/** What a user who signed in with a one-time password may do before choosing their own. */
const BEFORE_PASSWORD_CHANGE = new Set(["viewer.me", "viewer.changePassword"]);

/** Any signed-in, active user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next, path }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (ctx.user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(path))
    throw new TRPCError({ code: "FORBIDDEN", message: "Choose your own password first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A signed-in user whose role grants `permission` (server/auth/permissions.ts). */
export function procedureWith(permission: Permission) {
  return protectedProcedure.use(({ ctx, next }) => {
    // The session's permissions: the role's, plus per-user grants (server/auth/permissions.ts).
    if (!ctx.user.permissions.includes(permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next();
  });
}
