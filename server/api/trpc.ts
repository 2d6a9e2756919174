import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { hasPermission, type Permission } from "../auth/permissions";
import type { Db } from "../db/client";
import { AppError, type AppErrorCode } from "../errors";
import { logger } from "../logger";
import type { SessionUser } from "../services/session-user";

export interface TRPCContext {
  db: Db;
  /** The signed-in, active user, read fresh from the database for this request; null otherwise. */
  user: SessionUser | null;
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

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Which field is wrong, by path, for forms and API clients.
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : null,
        stack: undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Maps AppError to its tRPC code, and hides unexpected errors behind a generic message. */
const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error("procedure failed", { path, err: cause ?? result.error });
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side. Try again." });
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

/** Any signed-in, active user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A signed-in user whose role grants `permission` (server/auth/permissions.ts). */
export function procedureWith(permission: Permission) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!hasPermission(ctx.user.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next();
  });
}
