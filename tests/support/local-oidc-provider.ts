import Provider from "oidc-provider";

// A real OpenID Provider (panva/oidc-provider), started on loopback for the e2e run: the identity
// provider is the outside world's edge, so the SSO flow is tested against a genuine implementation
// rather than a stub. Its built-in development login page accepts any login name; the login typed
// there becomes the account's email (verified), so a test picks who the provider vouches for.

export const LOCAL_OIDC = {
  port: Number(process.env.E2E_OIDC_PORT ?? 3109),
  clientId: "handoff-desk-e2e",
  clientSecret: "e2e-client-secret-not-used-anywhere-else",
  name: "Test IdP",
};

export function localOidcIssuer(): string {
  return `http://127.0.0.1:${LOCAL_OIDC.port}`;
}

export async function startLocalOidcProvider(appUrl: string): Promise<() => Promise<void>> {
  const provider = new Provider(localOidcIssuer(), {
    clients: [
      {
        client_id: LOCAL_OIDC.clientId,
        client_secret: LOCAL_OIDC.clientSecret,
        redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Like Okta, Google or Entra ID: the requested claims travel in the ID token itself.
    conformIdTokenClaims: false,
    async findAccount(_ctx, login) {
      return {
        accountId: login,
        async claims() {
          return { sub: `idp|${login}`, email: login, email_verified: true, name: login };
        },
      };
    },
    cookies: { keys: ["e2e-cookie-key-for-the-local-provider"] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    features: { devInteractions: { enabled: true } },
  });
  const server = provider.listen(LOCAL_OIDC.port);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
