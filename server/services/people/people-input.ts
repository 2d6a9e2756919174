import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../../auth/password-rules";
import { ROLES } from "../../auth/permissions";
import { zEmail } from "../../auth/schemas";

// Inputs of the people settings, shared by the service, the router and the forms in the browser.

export const ZTerritories = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "use two-letter country codes, such as GB"),
  )
  .max(250, "at most 250 territories");

export const ZInviteInput = z.object({
  email: zEmail("email must be a valid email address"),
  name: z.string().trim().min(1, "name is required").max(200, "name must be at most 200 characters"),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(", ")}` }),
  teamIds: z.array(z.uuid("teamIds must be team ids")).max(50).default([]),
  territories: ZTerritories.default([]),
  /** "link": an email with a sign-in link; "password": a one-time password shown once. */
  method: z.enum(["link", "password"], { message: "method must be link or password" }),
});

export const ZUpdateUserInput = z.object({
  userId: z.uuid("userId must be a user id"),
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(", ")}` }).optional(),
  teamIds: z.array(z.uuid("teamIds must be team ids")).max(50).optional(),
  territories: ZTerritories.optional(),
  canRevealSensitive: z.boolean().optional(),
});

export const ZNewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "password must be at most 1,024 characters");

export const ZAcceptInvitation = z.object({
  token: z.string().trim().min(20, "this link is incomplete").max(200),
  password: ZNewPassword,
});

export const ZChangePassword = z.object({
  current: z.string().min(1, "current: enter the password you signed in with").max(1024),
  next: ZNewPassword,
});

export const ZCreateTeam = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  description: z.string().trim().max(500, "description must be at most 500 characters").optional(),
});
