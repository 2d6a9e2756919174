import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, email: string, password: string) {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  const form = page.locator("form[data-attempts]");
  const attemptsBefore = Number(await form.getAttribute("data-attempts"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Done when the console takes over, or when the form has rendered this attempt's answer (a
  // refusal resets the form, so the next attempt must not start typing before that).
  await expect(async () => {
    if (!page.url().includes("/sign-in")) return;
    expect(Number(await form.getAttribute("data-attempts", { timeout: 1_000 }))).toBe(attemptsBefore + 1);
  }).toPass();
}

/** Signs in and waits until the console has taken over from the sign-in page. */
export async function signInAs(page: Page, credentials: { email: string; password: string }) {
  await signIn(page, credentials.email, credentials.password);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function expectNavigation(page: Page, labels: readonly string[]) {
  await expect(page.getByTestId("main-nav").getByRole("link")).toHaveText([...labels]);
}
