import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, email: string, password: string) {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  // Wait for the sign-in action's answer: the next attempt must not start while this one is in flight.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in"),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
}

/** Signs in and waits until the console has taken over from the sign-in page. */
export async function signInAs(page: Page, credentials: { email: string; password: string }) {
  await signIn(page, credentials.email, credentials.password);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function expectNavigation(page: Page, labels: readonly string[]) {
  await expect(page.getByTestId("main-nav").getByRole("link")).toHaveText([...labels]);
}
