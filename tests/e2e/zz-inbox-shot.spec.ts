import { test, expect } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_SOURCE } from "../../server/auth/demo-accounts";
import { signInAs } from "./helpers";
test("shots", async ({ page, request }) => {
  test.setTimeout(90_000);
  for (let i = 0; i < 3; i++) {
    await request.post("/api/v1/conversations", { headers: { authorization: `Bearer ${DEMO_SOURCE.apiKey}` }, data: { externalId: `shot-${i}-${Date.now()}`, messages: [
      { role: "visitor", text: i === 1 ? "Hi, we'd like a new flat roof on our garage. It's urgent, the roof is leaking and we need someone today. Is felt ok?" : "Hi, we'd like a new flat roof on our garage, about 20 square metres. Is slate or felt better for a garage?" },
      { role: "bot", text: "Happy to help. Could our surveyor email you to arrange a visit?" },
      { role: "visitor", text: `Yes please, email me at dana-${i}${Date.now()}@ruiz.example. I'm Dana Ruiz.` } ] } });
  }
  await signInAs(page, DEMO_ACCOUNTS.find((a) => a.role === "manager")!);
  await page.goto("/inbox");
  await expect(page.getByTestId("inbox-list")).toBeVisible();
  await page.getByRole("button", { name: "Show transcript" }).first().click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: "/tmp/inbox-list.png", fullPage: true });
  await page.locator("[data-inbox-link]").first().click();
  await page.getByLabel("Approved template").selectOption({ index: 1 });
  await page.getByLabel("Message").press("Control+End");
  await page.keyboard.type("\nIt costs £2,400 and we guarantee it will be installed by Friday.");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: "/tmp/inbox-item.png", fullPage: true });
  await page.getByTestId("send-reply").click();
  await page.waitForTimeout(1000);
  await page.goto("/inbox");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: "/tmp/inbox-pending.png", fullPage: false });
});
