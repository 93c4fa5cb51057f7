import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoRegister } from "../../src/data/register/registerSources.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

// The public register over HTTP, on the bot's own port, from the demo register (the October 2019
// report's modifications) as at 1 Oct 2019.

const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(2)> & co`;

describe.each(databaseKinds)("the Modification Register pages (%s database)", (database) => {
  let app: TestApp;
  const get = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, { redirect: "manual", ...init });

  beforeAll(async () => {
    app = await startTestApp({
      database,
      seed: async (db) => {
        await importDemoRegister(db.prisma);
        await db.prisma.modification.update({ where: { reference: "MP079" }, data: { title: HOSTILE } });
        await db.prisma.modification.update({ where: { reference: "SECMP0024" }, data: { leadAnalyst: "Joe Bloggs", solution: "A firmware plan", impactedParties: "Large Suppliers & DCC", affectedDocuments: "Section F" } });
      },
    });
  });
  afterAll(() => app?.close());

  it("lists every modification with security headers and no script", async () => {
    const response = await get("/register");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const body = await response.text();
    expect(body).toContain('<html lang="en-GB">');
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('href="/register/SECMP0053"');
    const total = await app.db.prisma.modification.count();
    expect(body).toContain(`${total} of ${total} modifications`);
  });

  it("escapes what people typed", async () => {
    const body = await (await get("/register?q=onerror%3Dalert")).text();
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; co");
    expect(body).not.toContain("<img src=x");
    expect(body).toMatch(/>1 of \d+ modifications</);
  });

  it("filters late assessments with the status card's verdict", async () => {
    const body = await (await get("/register?late=yes")).text();
    const refs = [...body.matchAll(/<tr data-reference="([^"]+)"/g)].map((m) => m[1]).sort();
    const late = (await app.command("list late")).json();
    const lateText = readableText(late);
    for (const ref of refs) expect(lateText).toContain(ref!);
    // SECMP0066 was delivered on 1 Oct 2019, the day these pages are read.
    expect(refs).toEqual(["SECMP0007", "SECMP0024", "SECMP0056"]);
    expect(body).toContain("74 WD over the 15 WD target");
  });

  it("filters by stage and sorts by query parameters", async () => {
    const body = await (await get("/register?stage=Opine&sort=reference&dir=desc")).text();
    const refs = [...body.matchAll(/<tr data-reference="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs).toContain("SECMP0053");
    const numbers = refs.map((r) => Number(r.replace(/\D/g, "")));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(body).toContain('aria-sort="descending"');
  });

  it("redirects any spelling to the canonical page", async () => {
    for (const typed of ["secmp53", "mp53", "MP053", "SECMPO0053"]) {
      const response = await get(`/register/${typed}`);
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe("/register/SECMP0053");
    }
    expect((await get("/register/MP999")).status).toBe(404);
  });

  it("shows the status card's facts, the timeline and no Slack ids", async () => {
    const page = await (await get("/register/SECMP0024")).text();
    const card = readableText((await app.command("status SECMP0024")).json());
    expect(page).toContain("74 WD over the 15 WD target");
    expect(card).toContain("74 WD over the 15 WD target");
    const next = /Next\s+(.+)/.exec(card)?.[1]?.trim();
    expect(next && page.includes(next.replaceAll("'", "&#39;"))).toBe(true);
    expect(page).toContain("<h2 id=\"timeline-h\">Timeline</h2>");
    for (const shown of ["<dt>Lead analyst</dt><dd>Joe Bloggs</dd>", "What is the solution?</h3>\n<p>A firmware plan</p>", "Large Suppliers &amp; DCC", "Section F"]) expect(page).toContain(shown);
    expect(page).not.toMatch(/\bU[A-Z0-9]{6,}\b/);
    const hostile = await (await get("/register/MP079")).text();
    expect(hostile).not.toContain("<script>alert");
  });

  it("answers HEAD and conditional requests with the ETag", async () => {
    const first = await get("/register");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    const head = await get("/register", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const again = await get("/register", { headers: { "if-none-match": tag! } });
    expect(again.status).toBe(304);
  });
});

describe("the reports on the web", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ database: "embedded", now: () => new Date("2019-10-04T11:00:00Z"), seed: (db) => importDemoRegister(db.prisma).then(() => undefined) });
  });
  afterAll(() => app?.close());

  it("lists each month's report, latest first, and serves its PDF and HTML", async () => {
    const listing = await (await fetch(`${app.url}/reports`)).text();
    const dates = [...listing.matchAll(/href="\/reports\/change-status-report-(\d{4}-\d{2}-\d{2})\.pdf"/g)].map((m) => m[1]);
    expect(dates.slice(0, 3)).toEqual(["2019-10-01", "2019-09-02", "2019-08-01"]);
    const pdf = await fetch(`${app.url}/reports/change-status-report-2019-10-01.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const htmlReport = await fetch(`${app.url}/reports/change-status-report-2019-10-01.html`);
    expect(htmlReport.headers.get("content-security-policy")).not.toContain("script");
    expect(await htmlReport.text()).toContain("Change Status Report");
    expect((await fetch(`${app.url}/reports/change-status-report-2019-10-05.pdf`)).status).toBe(404);
    expect((await fetch(`${app.url}/reports/change-status-report-2019-02-30.pdf`)).status).toBe(404);
  });
});

describe("who may read the pages", () => {
  it("refuses callers from elsewhere unless MODBOT_PUBLISH_REGISTER publishes them", async () => {
    const { registerWebRoutes } = await import("../../src/web/routes.ts");
    const [route] = registerWebRoutes({} as never, { publish: false });
    let status = 0;
    let body = "";
    const res = { writeHead: (s: number) => void (status = s), end: (text: string) => void (body = text) };
    await route!.handler({ socket: { remoteAddress: "203.0.113.9" } } as never, res as never);
    expect(status).toBe(403);
    expect(body).toContain("MODBOT_PUBLISH_REGISTER");
  });
});
