import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { buildChangeStatusReport } from "../../src/report/build.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";

// The register in a real browser: Debian's chromium, driven by playwright-core (no browser
// download). It filters with the form alone (the pages have no script), follows a link, and a
// hostile title shows as text without running anything.

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(2)>`;

describe.skipIf(!existsSync(CHROMIUM))("the register in headless Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      database: "embedded",
      // The seed report's date: the demo register is transcribed as at then.
      now: () => new Date("2019-10-04T11:00:00Z"),
      seed: async (db) => {
        await importDemoRegister(db.prisma);
        await db.prisma.modification.update({ where: { reference: "MP079" }, data: { title: HOSTILE } });
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    page = await browser.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
    page.on("pageerror", (error) => consoleErrors.push(error.message));
  }, 60_000);
  afterAll(async () => {
    // The app stops while the browser still holds its keep-alive (and spare) connections open.
    await app?.close();
    await browser?.close();
  });

  const rowReferences = () => page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-reference")));

  it("filters by stage with the form, and the counts match the report's", async () => {
    await page.goto(`${app.url}/register`);
    expect(await page.title()).toBe("Modification Register");
    await page.getByLabel("Stage").selectOption("Refine");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/stage=Refine/);
    const refs = await rowReferences();
    const report = await buildChangeStatusReport(app.db.prisma, app.ctx.today());
    const refine = report.summary.stageCounts.find((s) => s.stage === "Refine")!;
    expect(refs.length).toBe(refine.count);
    expect(await page.locator("#count").textContent()).toContain(`${refine.count} of`);
  });

  it("filters late assessments, then follows a link to a modification", async () => {
    await page.goto(`${app.url}/register`);
    await page.getByLabel("Late DCC assessment").selectOption("yes");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/late=yes/);
    expect((await rowReferences()).sort()).toEqual(["SECMP0007", "SECMP0024", "SECMP0056"]);
    await page.getByRole("link", { name: "SECMP0024", exact: true }).click();
    await page.waitForURL(/\/register\/SECMP0024$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("SECMP0024");
    // The same lateness, word for word, as the status card in Slack.
    const card = readableText((await app.command("status SECMP0024")).json());
    const lateness = /⚠ Late: (.+)/.exec(card)![1]!.trim();
    expect(await page.locator("body").textContent()).toContain(lateness);
    const shots = join(process.cwd(), "test-results");
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, "register-SECMP0024.png"), fullPage: true });
  });

  it("shows a hostile title as text and runs nothing", async () => {
    await page.goto(`${app.url}/register?q=onerror`);
    const cell = page.locator('tr[data-reference="MP079"] td').first();
    expect(await cell.textContent()).toBe(HOSTILE);
    await page.goto(`${app.url}/register/MP079`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(HOSTILE);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
