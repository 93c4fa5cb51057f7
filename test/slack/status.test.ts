import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/data/register/importRegister.ts";
import { smallRegister } from "../support/registers.ts";
import { readableText, startTestApp, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";

describe.each(databaseKinds)("/mod status and friends (%s database)", (database) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      database,
      seed: (db) => importRegister(db.prisma, smallRegister(), { mode: "replace", actor: "test" }).then(() => undefined),
    });
  });
  afterAll(() => app?.close());

  it("refuses a request with a bad signature", async () => {
    const response = await app.command("status SECMP0053", { badSignature: true });
    expect(response.status).toBe(401);
  });

  it("refuses a request with a stale timestamp", async () => {
    const response = await app.command("status SECMP0053", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
  });

  it.each(["SECMP0053", "secmp53", "mp53", "MP053", "mp 53", "SECMPO0053"])("finds SECMP0053 from %j", async (typed) => {
    const response = await app.command(`status ${typed}`);
    expect(response.status).toBe(200);
    const text = readableText(response.json());
    expect(text).toContain("SECMP0053 · Amend Target Response Times");
    expect(text).toContain("Opine · Modification Report presented to the Panel");
    expect(text).toContain("Modification Report Consultation, expected w/c 14 Oct 2019, open 15 working days");
    expect(text).toContain("PA delivered 2 May 2019");
    expect(text).toContain("IA delivered 20 Sep 2019");
  });

  it("answers in the acknowledgement, ephemerally, with the card's buttons", async () => {
    const body = (await app.command("status SECMP0053")).json();
    expect(body.response_type).toBe("ephemeral");
    const actions = body.blocks.find((b: { type: string }) => b.type === "actions");
    expect(actions.elements.map((e: { text: { text: string } }) => e.text.text)).toEqual(["History", "Log DCC dates", "Record vote", "Record a step", "Watch"]);
  });

  it("flags a late assessment in working days", async () => {
    const text = readableText((await app.command("status SECMP0024")).json());
    expect(text).toContain("PA in progress · accepted 29 May 2019 · 89 of 15 WD, due 18 Jun 2019");
    expect(text).toContain("⚠ Late: 74 WD over the 15 WD target");
  });

  it("resolves a Draft Proposal's DP number after conversion", async () => {
    const text = readableText((await app.command("status DP080")).json());
    expect(text).toContain("MP080 · Ensuring a managed move to DUIS version 3.1");
  });

  it("shows the Change Board vote and the release with its revision request", async () => {
    expect(readableText((await app.command("status mp76")).json())).toContain(
      "Change Board 18 Sep 2019: approval (recommendation to the Authority)",
    );
    expect(readableText((await app.command("status SECMP0025")).json())).toContain(
      "November 2019 SEC Release (7 Nov 2019) · revised date 24 Nov 2019 requested 1 Oct 2019",
    );
  });

  it("says clearly when a reference does not exist, with close matches", async () => {
    const text = readableText((await app.command("status MP078")).json());
    expect(text).toMatch(/^I couldn't find MP078\. Did you mean MP079 \(Provisions for withdrawing modifications\) or MP076/);
  });

  it("explains what is not a reference", async () => {
    expect(readableText((await app.command("status banana")).json())).toContain(`"banana" isn't a modification reference`);
  });

  it("asks which modification when none is given", async () => {
    expect(readableText((await app.command("status")).json())).toContain("Which modification? Usage: /mod status REF");
  });

  it("lists late assessments only", async () => {
    const text = readableText((await app.command("list late")).json());
    expect(text).toContain("SECMP0024");
    expect(text).toContain("74 WD over");
    expect(text).not.toContain("SECMP0053");
  });

  it("lists by stage and explains an unknown filter", async () => {
    const define = readableText((await app.command("list define")).json());
    expect(define).toContain("DP084");
    expect(define).not.toContain("MP079");
    expect(readableText((await app.command("list soon")).json())).toContain(`"soon" isn't something I can list by`);
  });

  it("does working-day arithmetic", async () => {
    expect(readableText((await app.command("workdays 30 Sep 2019 + 15")).json())).toContain("18 Oct 2019");
    expect(readableText((await app.command("workdays 29 May 2019 to 1 Oct 2019")).json())).toContain("89 working days");
  });

  it("answers /mod help and an unknown subcommand with the list of subcommands", async () => {
    const help = readableText((await app.command("help")).json());
    expect(help).toContain("/mod status REF");
    expect(help).toContain("/mod workdays");
    const unknown = readableText((await app.command("frobnicate now")).json());
    expect(unknown).toContain("I don't know `/mod frobnicate`");
    expect(unknown).toContain("/mod list");
  });

  it("answers /healthz with 200 while the database answers", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });
});
