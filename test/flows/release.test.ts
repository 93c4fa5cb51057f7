import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableText, type TestApp } from "../support/testApp.ts";
import { databaseKinds } from "../support/testDatabase.ts";
import { ADMIN, startFlowApp } from "./support.ts";

describe.each(databaseKinds)("releases (%s database)", (database) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startFlowApp(database);
  });
  afterAll(() => app?.close());

  const say = async (text: string, userId = ADMIN) => readableText((await app.command(text, { userId })).json());

  it("lists releases with their pending revision requests", async () => {
    expect(await say("release", "UNOBODY")).toContain("November 2019 SEC Release (scheduled) · 7 Nov 2019 · revision to 24 Nov 2019 requested 1 Oct 2019");
  });

  it("decides a pending revision once, and shows the new date on the card and in the history", async () => {
    expect(await say(`release revise november to 30 Nov 2019`)).toContain("already has a revision request pending (to 24 Nov 2019); decide it first");
    expect(await say(`release decide "November 2019 SEC Release" approve`, "UNOBODY")).toContain("Managing releases needs the administrator role");
    expect(await say(`release decide "November 2019 SEC Release" approve`)).toContain("revision was approved; its date is 24 Nov 2019");
    expect(await say(`release decide "November 2019 SEC Release" approve`)).toContain("has no revision request pending");
    expect(await say("status SECMP0025")).toContain("November 2019 SEC Release (24 Nov 2019)");
    expect(await say("history SECMP0025")).toContain("Release date revision approved — release date 7 Nov 2019 → 24 Nov 2019");
  });

  it("assigns only approved modifications, to a scheduled or a new standalone release, then records implementation", async () => {
    expect(await say("release MP079 November 2019 SEC Release")).toContain("Only an approved modification is assigned to a release; MP079 is with the Working Group.");
    expect(await say("move MP076 approved")).toContain("Now approved for release");
    expect(await say("release MP076 Christmas release")).toContain(`There is no release called "Christmas release". Releases: November 2019 SEC Release.`);
    expect(await say(`release MP076 standalone "EU Exit Day release" on UK EU Exit Day`)).toContain("MP076 is assigned to EU Exit Day release, UK EU Exit Day, a new standalone release.");
    expect(await say("status MP076")).toContain("Implementation in the EU Exit Day release (UK EU Exit Day)");
    expect(await say("move MP076 implemented")).toContain("Now implemented");
    expect(await say("history MP076")).toContain("Assigned to a release — release — → EU Exit Day release");
  });
});
