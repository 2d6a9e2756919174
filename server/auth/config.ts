import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { getEnv } from "../env";
import { logger } from "../logger";
import { recordAudit } from "../services/audit";
import { resolveSsoSignIn, verifySignIn, type SignInFailure } from "../services/sign-in";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    uid?: string;
    sv?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

export const OIDC_PROVIDER_ID = "oidc";

/** Carries the failure reason to the sign-in form through Auth.js's `code`. */
class SignInRefused extends CredentialsSignin {
  constructor(reason: SignInFailure) {
    super();
    this.code = reason;
  }
}

/** The client's address as the nearest proxy reports it. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const result = await verifySignIn(getDb(), {
          email: credentials?.email,
          password: credentials?.password,
          ip: clientAddress(request.headers),
        });
        if (!result.ok) throw new SignInRefused(result.reason);
        const { id, name, email, sessionVersion } = result.user;
        return { id, name, email, sessionVersion };
      },
    }),
  ];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_CLIENT_ID,
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
    });
  }

  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    // __Secure- prefixed, Secure cookies whenever the console is served over https.
    useSecureCookies: env.APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE_HOURS * 3600, updateAge: 15 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const result = await resolveSsoSignIn(getDb(), {
          provider: OIDC_PROVIDER_ID,
          subject: account.providerAccountId,
          email: typeof profile?.email === "string" ? profile.email : null,
          emailVerified: typeof profile?.email_verified === "boolean" ? profile.email_verified : null,
        });
        return result.ok
          ? true
          : `/sign-in?error=${result.reason === "account_disabled" ? "account_disabled" : "sso_unknown_user"}`;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "credentials" && user?.id) {
          token.uid = user.id;
          token.sv = user.sessionVersion ?? 0;
        } else if (account?.provider === OIDC_PROVIDER_ID) {
          const link = await getDb().userIdentity.findUnique({
            where: { provider_subject: { provider: OIDC_PROVIDER_ID, subject: account.providerAccountId } },
            select: { user: { select: { id: true, sessionVersion: true } } },
          });
          token.uid = link?.user.id;
          token.sv = link?.user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.uid = token.uid;
        session.sv = token.sv;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const uid = "token" in message ? message.token?.uid : undefined;
        if (uid)
          await recordAudit(getDb(), { actorId: uid, action: "auth.sign_out", targetType: "user", targetId: uid });
      },
    },
    // Auth.js logs refused sign-ins with stack traces by default; route its output through the
    // masking logger and keep expected refusals at debug level.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) logger.debug("sign-in refused", { code: error.code });
        else logger.error("auth error", { err: error });
      },
      warn(code) {
        logger.warn("auth warning", { code });
      },
      debug(message) {
        logger.debug(`auth: ${message}`);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
