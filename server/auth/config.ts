import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { clientAddress } from "./client-address";
import { getEnv } from "../env";
import { logger } from "../logger";
import { revokeSession } from "../services/session-user";
import { resolveSsoSignIn, verifySignIn, type SignInFailure } from "../services/sign-in";

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    /** The server-side session (sessions table) this cookie stands for. */
    sid?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
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

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const sessionMaxAgeSeconds = env.AUTH_SESSION_MAX_AGE_HOURS * 3600;
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const result = await verifySignIn(
          getDb(),
          {
            email: credentials?.email,
            password: credentials?.password,
            ip: clientAddress(request.headers, env.TRUSTED_PROXY_HOPS),
          },
          { sessionMaxAgeSeconds },
        );
        if (!result.ok) throw new SignInRefused(result.reason);
        const { id, name, email, sessionId } = result.user;
        return { id, name, email, sessionId };
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
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const result = await resolveSsoSignIn(
          getDb(),
          {
            issuer: env.AUTH_OIDC_ISSUER ?? "",
            subject: account.providerAccountId,
            email: typeof profile?.email === "string" ? profile.email : null,
            emailVerified: typeof profile?.email_verified === "boolean" ? profile.email_verified : null,
          },
          { sessionMaxAgeSeconds },
        );
        if (!result.ok) {
          return `/sign-in?error=${result.reason === "account_disabled" ? "account_disabled" : "sso_unknown_user"}`;
        }
        // Auth.js hands this same object to the jwt callback: make it Handoff Desk's user.
        user.id = result.user.id;
        user.sessionId = result.user.sessionId;
        return true;
      },
      jwt({ token, user, account }) {
        // Only the session id travels in the cookie; everything else is read from the database.
        if (account && user?.sessionId) return { sid: user.sessionId, sub: user.id };
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        return session;
      },
    },
    events: {
      // Signing out revokes the session itself, so a copied cookie stops working too.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (sid) await revokeSession(getDb(), sid);
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
