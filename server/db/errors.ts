import { Prisma } from "./generated/prisma/client";

/** A unique constraint refused the write (Prisma's P2002), e.g. two requests creating the same row. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
