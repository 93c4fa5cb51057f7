import { describe, expect, it } from "vitest";
import { consoleUserId, noonInLondon, parseConsoleArgs, parseRole } from "../../src/console/consoleOptions.ts";
import { answerField, emptyValue, initialValue, pick, type AnswerContext } from "../../src/console/fieldAnswers.ts";
import { calendarDate } from "../../src/domain/calendarDate.ts";

const context: AnswerContext = { today: calendarDate(2019, 10, 4), userIdFor: (name) => consoleUserId(name), channelId: "CCONSOLE" };
const option = (text: string, value: string) => ({ text: { type: "plain_text", text }, value });
const categories = [option("Large Supplier", "LARGE_SUPPLIER"), option("Small Supplier", "SMALL_SUPPLIER"), option("Gas Network", "GAS_NETWORK")];

describe("console flags", () => {
  it("default to an administrator called Analyst on the real clock", () => {
    expect(parseConsoleArgs([])).toEqual({ ok: true, options: { user: { id: "UCONSOLEANALYST", name: "Analyst" }, role: { role: "ADMIN", category: null } } });
  });

  it("read --user, --role with a category, and --as-of in plain English", () => {
    const parsed = parseConsoleArgs(["--user", "Alice Smith", "--role=change-board:Large Supplier", "--as-of", "4 Oct 2019"]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        user: { id: "UCONSOLEALICESMITH", name: "Alice Smith" },
        role: { role: "CHANGE_BOARD", category: "LARGE_SUPPLIER" },
        asOf: calendarDate(2019, 10, 4),
      },
    });
  });

  it("keep a named user's roles when no --role is given", () => {
    expect(parseConsoleArgs(["--user", "bob"])).toEqual({ ok: true, options: { user: { id: "UCONSOLEBOB", name: "bob" } } });
  });

  it("explain what is wrong", () => {
    expect(parseConsoleArgs(["--role", "wizard"])).toMatchObject({ ok: false, message: expect.stringContaining(`"wizard" isn't a role`) });
    expect(parseConsoleArgs(["--role", "change-board"])).toMatchObject({ ok: false, message: expect.stringContaining("needs the voting group it votes for") });
    expect(parseConsoleArgs(["--as-of", "next blursday"])).toMatchObject({ ok: false, message: expect.stringContaining(`--as-of: "next blursday" isn't a date`) });
    expect(parseConsoleArgs(["--user"])).toMatchObject({ ok: false, message: expect.stringContaining("--user needs a value") });
    expect(parseConsoleArgs(["--colour"])).toMatchObject({ ok: false, message: expect.stringContaining(`Unknown option "--colour"`) });
    expect(parseConsoleArgs(["--help"])).toMatchObject({ ok: false, help: true, message: expect.stringContaining("--as-of DATE") });
  });

  it("know every voting group by its name, and refuse the categories that don't vote", () => {
    expect(parseRole("change-board:Other SEC Party")).toEqual({ ok: true, role: "CHANGE_BOARD", category: "OTHER_SEC_PARTY" });
    expect(parseRole("change-board:electricity-network")).toEqual({ ok: true, role: "CHANGE_BOARD", category: "ELECTRICITY_NETWORK" });
    expect(parseRole("change-board:Panel")).toMatchObject({ ok: false, message: expect.stringContaining("Panel/committee isn't a Change Board voting group") });
    expect(parseRole("change-board:DCC")).toMatchObject({ ok: false, message: expect.stringContaining("DCC isn't a Change Board voting group") });
    expect(parseRole("DCC")).toEqual({ ok: true, role: "DCC", category: null });
  });

  it("put the clock at noon in London, in summer and winter", () => {
    expect(noonInLondon(calendarDate(2019, 10, 4)).toISOString()).toBe("2019-10-04T11:00:00.000Z");
    expect(noonInLondon(calendarDate(2019, 12, 2)).toISOString()).toBe("2019-12-02T12:00:00.000Z");
  });
});

describe("answers typed at a modal's fields", () => {
  it("pick an option by number, label, value or a unique beginning", () => {
    expect(pick(categories, "2")).toEqual({ ok: true, option: categories[1] });
    expect(pick(categories, "gas network")).toEqual({ ok: true, option: categories[2] });
    expect(pick(categories, "LARGE_SUPPLIER")).toEqual({ ok: true, option: categories[0] });
    expect(pick(categories, "sma")).toEqual({ ok: true, option: categories[1] });
    expect(pick(categories, "supplier")).toEqual({ ok: false, message: `"supplier" could be Large Supplier or Small Supplier. Type its number.` });
    expect(pick(categories, "9")).toEqual({ ok: false, message: `"9" isn't one of the choices. Type a number from 1 to 3.` });
  });

  it("give selects, checkboxes and dates the state Slack would send", () => {
    expect(answerField({ type: "static_select", options: categories }, "1", context)).toMatchObject({
      ok: true,
      value: { type: "static_select", selected_option: categories[0] },
    });
    expect(answerField({ type: "checkboxes", options: categories }, "1, gas", context)).toMatchObject({
      ok: true,
      value: { type: "checkboxes", selected_options: [categories[0], categories[2]] },
    });
    expect(answerField({ type: "datepicker" }, "30/09/2019", context)).toMatchObject({ ok: true, value: { type: "datepicker", selected_date: "2019-09-30" } });
    expect(answerField({ type: "datepicker" }, "yesterday", context)).toMatchObject({ ok: true, value: { selected_date: "2019-10-03" }, shown: "3 Oct 2019" });
    expect(answerField({ type: "timepicker" }, "9.30", context)).toMatchObject({ ok: true, value: { selected_time: "09:30" } });
    expect(answerField({ type: "users_select" }, "@alice", context)).toMatchObject({ ok: true, value: { selected_user: "UCONSOLEALICE" } });
    expect(answerField({ type: "conversations_select" }, "#modbot-console", context)).toMatchObject({ ok: true, value: { selected_conversation: "CCONSOLE" } });
  });

  it("check what Slack's client checks before it lets a form be submitted", () => {
    expect(answerField({ type: "plain_text_input", max_length: 5 }, "too long", context)).toEqual({ ok: false, message: "Please keep it to 5 characters (you typed 8)." });
    expect(answerField({ type: "number_input", is_decimal_allowed: false }, "1.5", context)).toEqual({ ok: false, message: "Type a whole number." });
    expect(answerField({ type: "number_input", is_decimal_allowed: true, max_value: "40" }, "41", context)).toEqual({ ok: false, message: "The largest allowed is 40." });
    expect(answerField({ type: "email_text_input" }, "nobody", context)).toEqual({ ok: false, message: `"nobody" isn't an email address.` });
    expect(answerField({ type: "datepicker" }, "next blursday", context)).toMatchObject({ ok: false, message: expect.stringContaining("isn't a date I understand") });
    expect(answerField({ type: "plain_text_input", multiline: true }, "line one\\nline two", context)).toMatchObject({ ok: true, value: { value: "line one\nline two" } });
    expect(answerField({ type: "hologram_input" }, "x", context)).toEqual({ ok: false, message: "The console can't fill in a hologram_input element." });
  });

  it("know an element's initial and empty values", () => {
    expect(initialValue({ type: "datepicker", initial_date: "2019-05-02" })).toEqual({ value: { type: "datepicker", selected_date: "2019-05-02" }, shown: "2 May 2019" });
    expect(initialValue({ type: "static_select", initial_option: categories[1] })).toEqual({ value: { type: "static_select", selected_option: categories[1] }, shown: "Small Supplier" });
    expect(initialValue({ type: "plain_text_input" })).toBeNull();
    expect(emptyValue({ type: "checkboxes" })).toEqual({ type: "checkboxes", selected_options: [] });
    expect(emptyValue({ type: "plain_text_input" })).toEqual({ type: "plain_text_input", value: null });
  });
});
