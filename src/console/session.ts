import type { App } from "@slack/bolt";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { createAppContext, type AppContext } from "../appContext.ts";
import { openDatabase, type Database, type DatabaseTarget } from "../data/database.ts";
import { importDemoRegister, readDemoRegister } from "../data/register/registerSources.ts";
import { grantRole, revokeRole, roleNames, rolesOf } from "../data/roles.ts";
import { compareDates, formatReportDate, parseIsoDate } from "../domain/calendarDate.ts";
import { parsePlainDate } from "../domain/plainDates.ts";
import { createSlackApp } from "../slack/app.ts";
import { renderBlocks, renderMessage, type RenderedChoice } from "../slack/render/blockKitText.ts";
import { ConsoleReceiver, type Delivery } from "./consoleReceiver.ts";
import { consoleUserId, noonInLondon, type ConsoleOptions } from "./consoleOptions.ts";
import { answerField, emptyValue, initialValue, optionLabel, optionsOf, type AnswerContext, type Option } from "./fieldAnswers.ts";
import { INTERRUPTED, lineSource, type LineSource } from "./lineSource.ts";
import { createPeople, withMentions, type People } from "./people.ts";
import { CONSOLE_CHANNEL, startLocalSlack, type LocalSlack, type SlackOutput } from "./localSlack.ts";
import {
  blockActionsBody,
  blockSuggestionBody,
  slashCommandBody,
  viewClosedBody,
  viewSubmissionBody,
  type ActionSource,
  type ConsoleUser,
} from "./slackBodies.ts";
import { createTranscript, type Transcript } from "./transcript.ts";

// `modbot console`: the real Slack app, driven from a terminal. Typed slash commands, pressed
// buttons and filled-in modals become the request bodies Slack would send; the app's Web API
// calls are answered in-process (localSlack.ts) and shown here. Nothing in this file knows about
// any particular /mod subcommand, so every feature that works in Slack works here.

type Json = Record<string, any>;

export interface RunConsoleOptions {
  input: Readable;
  output: Writable;
  /** DATA_DIR: the transcript goes to DATA_DIR/console/; the embedded database lives here too. */
  dataDir: string;
  database: DatabaseTarget;
  options: ConsoleOptions;
  /** Echo what was read (piped input is not shown by a terminal). */
  echo?: boolean;
  /** Bold and dim with ANSI escapes. */
  ansi?: boolean;
  /** The input is a terminal: line editing, history (kept in DATA_DIR/console/history), Ctrl-C. */
  terminal?: boolean;
  /** Adds listeners to the app before the session starts (used by tests to exercise generic mechanics). */
  extendApp?: (app: App) => void;
}

interface OpenModal {
  view: Json;
  values: Json;
  errors: Record<string, string>;
  /** Input blocks still to ask; null until the modal is first shown. */
  toAsk: string[] | null;
  /** Where the view was saved. */
  path?: string;
}

interface ActiveChoice extends RenderedChoice {
  source: ActionSource;
}

const CANCEL = "/cancel";

/** The bot's clock in the console: a date it stands still on (noon in London), or the real one. */
interface Clock {
  date: Date | undefined;
  /** Why it says what it says, for the banner. */
  reason: "as-of" | "demo" | "real" | "moved";
}

export async function runConsole(run: RunConsoleOptions): Promise<number> {
  const out = (text = "") => run.output.write(`${text}\n`);
  const historyFile = join(run.dataDir, "console", "history");
  const lines = lineSource(run.input, run.output, {
    echo: run.echo ?? false,
    terminal: run.terminal ?? false,
    history: run.terminal ? readHistory(historyFile) : [],
    remember: run.terminal ? (line) => rememberLine(historyFile, line) : undefined,
  });
  let db: Database | undefined;
  let local: LocalSlack | undefined;
  let stopApp: (() => Promise<void>) | undefined;
  try {
    db = await openDatabase(run.database);
    const clock: Clock = { date: run.options.asOf, reason: run.options.asOf ? "as-of" : "real" };
    const ctx = createAppContext({
      prisma: db.prisma,
      now: () => (clock.date ? noonInLondon(clock.date) : new Date()),
      changes: db.changes,
    });
    if ((await db.prisma.modification.count()) === 0) {
      const summary = await importDemoRegister(db.prisma);
      const asOf = formatReportDate(parseIsoDate(readDemoRegister().asOf));
      out(
        `The database had no modifications, so I loaded the demo register (the Change Status Report as at ${asOf}): ` +
          `${summary.created} modifications, ${summary.assessments} DCC assessments.`,
      );
    }
    if (!clock.date && (await holdsOnlyTheDemoRegister(ctx))) {
      // 2019's register read on today's clock is nothing but years of lateness.
      clock.date = parseIsoDate(readDemoRegister().asOf);
      clock.reason = "demo";
    }
    const user: ConsoleUser = { ...run.options.user };
    await setUpUser(ctx, run.options);
    const known = await ctx.prisma.slackUser.findMany({ where: { id: { startsWith: "UCONSOLE" } }, orderBy: { createdAt: "asc" } });
    const people = createPeople(() => user, known.map((u) => ({ id: u.id, name: u.name ?? u.id })));
    const transcript = createTranscript(run.dataDir, sessionName(new Date()));
    local = await startLocalSlack({ transcript, users: { get: (id: string) => people.nameOf(id) } });
    const receiver = new ConsoleReceiver();
    const slack = createSlackApp({
      ctx,
      botToken: "xoxb-console",
      receiver,
      apiUrl: local.apiUrl,
      isHealthy: db.isHealthy,
      logLevel: "error",
    });
    run.extendApp?.(slack.app);
    await slack.start(0);
    stopApp = () => slack.stop();
    const session = new Session({ ...run, ctx, local, receiver, lines, out, user, transcript, clock, people });
    await session.banner();
    await session.loop();
    out(`Bye. Everything the bot sent this session is in ${transcript.dir}`);
    return 0;
  } finally {
    lines.close();
    await stopApp?.().catch(() => undefined);
    await local?.close();
    await db?.close();
  }
}

async function setUpUser(ctx: AppContext, options: ConsoleOptions): Promise<void> {
  const { user, role } = options;
  await ctx.prisma.slackUser.upsert({ where: { id: user.id }, create: { id: user.id, name: user.name }, update: { name: user.name } });
  if (!role) return;
  // The console user holds exactly the role asked for, so each session tries one set of permissions.
  const held = await rolesOf(ctx, user.id);
  for (const other of held.roles) {
    if (other.role !== role.role) await revokeRole(ctx, { userId: user.id, role: other.role, revokedBy: "console" });
  }
  const same = held.roles.find((r) => r.role === role.role && r.category === role.category);
  if (!same) await grantRole(ctx, { userId: user.id, role: role.role, category: role.category, grantedBy: "console" });
}

/**
 * Whether the register is the demo's: nothing in it was raised after the demo's date. A real
 * register (or a CSV of one) has later modifications, and runs on today's clock.
 */
async function holdsOnlyTheDemoRegister(ctx: AppContext): Promise<boolean> {
  const demo = readDemoRegister();
  const demoDate = parseIsoDate(demo.asOf);
  // By number: a Draft Proposal converted in an earlier session is still the demo's.
  const numbers = demo.modifications.map((m) => Number(m.reference.replace(/\D/g, "")));
  const present = await ctx.prisma.modification.count({ where: { number: { in: numbers } } });
  const later = await ctx.prisma.modification.count({ where: { raisedOn: { gt: demoDate } } });
  return present === numbers.length && later === 0;
}

function readHistory(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).slice(-500);
  } catch {
    return [];
  }
}

function rememberLine(file: string, line: string): void {
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    appendFileSync(file, `${line.replaceAll("\n", " ")}\n`);
  } catch {
    // History is a convenience: a read-only data directory still runs the console.
  }
}

function sessionName(startedAt: Date): string {
  return `session-${startedAt.toISOString().replace(/[:.]/g, "-").replace("T", "_").slice(0, 19)}`;
}

function describeCategory(category: string | null): string {
  return category ? ` (${category.toLowerCase().replaceAll("_", " ").replace(/\b\w/g, (c) => c.toUpperCase())})` : "";
}

class Session {
  private choices: ActiveChoice[] = [];
  private modals: OpenModal[] = [];
  private readonly answerContext: AnswerContext;
  /** Ctrl-C was pressed in a form: every form still open is cancelled. */
  private interrupted = false;

  constructor(
    private readonly s: RunConsoleOptions & {
      ctx: AppContext;
      local: LocalSlack;
      receiver: ConsoleReceiver;
      lines: LineSource;
      out: (text?: string) => void;
      user: ConsoleUser;
      transcript: Transcript;
      clock: Clock;
      people: People;
    },
  ) {
    const people = s.people;
    this.answerContext = {
      get today() {
        return s.ctx.today();
      },
      userIdFor: (name) => people.resolve(name)?.person.id ?? consoleUserId(name),
      channelId: CONSOLE_CHANNEL.id,
    };
  }

  /** How ids read in the console: people and the channel by name. */
  private get names() {
    return { user: (id: string) => this.s.people.nameOf(id), channel: (id: string) => (id === CONSOLE_CHANNEL.id ? CONSOLE_CHANNEL.name : undefined) };
  }

  async banner(): Promise<void> {
    const { user, out } = this.s;
    out(`modbot console — the Slack app, in your terminal. ${await this.whoYouAre()}`);
    out(this.clockLine());
    out(`Messages, modals and files the bot sends are saved in ${this.s.transcript.dir}`);
    out(
      `Type what you would type in Slack (/mod help, /mod status secmp53; @you or @${user.name} mentions you), ` +
        "a number to press a button, help for the console's own commands, or quit.",
    );
  }

  private async whoYouAre(): Promise<string> {
    const { ctx, user } = this.s;
    const roles = await rolesOf(ctx, user.id);
    const roleText = roles.roles.length
      ? roles.roles.map((r) => `${roleNames[r.role]}${describeCategory(r.category)}`).join(", ")
      : "no role (a viewer)";
    return `You are ${user.name} (@${user.name}, ${user.id}): ${roleText}.`;
  }

  private clockLine(): string {
    const { clock, ctx } = this.s;
    const day = formatReportDate(ctx.today());
    const move = `clock DATE moves it (clock today: the real date); to start on another date: npm run console -- --as-of DATE`;
    switch (clock.reason) {
      case "demo":
        return `The bot's clock says ${day}, the demo register's date (the Change Status Report as at ${day}). ${move}.`;
      case "as-of":
        return `The bot's clock says ${day} (--as-of). ${move}.`;
      case "moved":
        return `The bot's clock says ${day}.`;
      default:
        return `Today is ${day}. ${move}.`;
    }
  }

  async loop(): Promise<void> {
    for (;;) {
      const line = await this.s.lines.ask("\n> ");
      if (line === null) return;
      if (line === INTERRUPTED) {
        this.s.out("(Ctrl-C cancels a form in progress; there is none. To leave: quit, or Ctrl-D.)");
        continue;
      }
      const typed = line.trim();
      if (!typed) continue;
      if (/^(exit|quit|\/exit|\/quit|bye)$/i.test(typed)) return;
      if (/^(help|\?)$/i.test(typed)) {
        this.consoleHelp();
        continue;
      }
      const console = /^(clock|who|as)(?:\s+(.*))?$/i.exec(typed);
      if (console) {
        await this.consoleCommand(console[1].toLowerCase(), (console[2] ?? "").trim());
        continue;
      }
      const finished = /^\d+$/.test(typed) ? await this.press(Number(typed)) : await this.slashCommand(typed);
      if (finished === "eof") return;
    }
  }

  private consoleHelp(): void {
    this.s.out(
      [
        "In the console:",
        "  /mod …            what you would type in Slack; /mod help lists the subcommands (the /mod may be left out)",
        "  @Name, @you       mention a person (@you and @me are you); new names become console people",
        "  a number          press the button (or use the menu) with that number in the last message",
        "  in a form         Enter keeps the value in [brackets]; - empties an optional field; /cancel or Ctrl-C closes the form",
        "  clock [DATE]      show or move the bot's clock (clock 14 Oct 2019, clock today)",
        "  who               who is in the console, with their roles",
        "  as NAME           act as someone else (as Bob; as Analyst to come back)",
        "  ↑ ↓               earlier lines (kept between sessions); ← → edit the line",
        "  quit, Ctrl-D      leave",
      ].join("\n"),
    );
  }

  private async consoleCommand(name: string, rest: string): Promise<void> {
    const { out, ctx, clock, people, user } = this.s;
    if (name === "clock") {
      if (!rest) return out(this.clockLine());
      if (/^(today|now|real|off)$/i.test(rest)) {
        clock.date = undefined;
        clock.reason = "real";
        return out(`The bot's clock now runs on the real date: today is ${formatReportDate(ctx.today())}.`);
      }
      const parsed = parsePlainDate(rest, { today: ctx.today() });
      if (!parsed.ok) return out(`⚠ ${parsed.message}`);
      const before = ctx.today();
      clock.date = parsed.date;
      clock.reason = "moved";
      const direction = compareDates(parsed.date, before) < 0 ? " (back in time: what was recorded after it stays recorded)" : "";
      return out(`The bot's clock now says ${formatReportDate(parsed.date)}${direction}.`);
    }
    if (name === "who") {
      out("In the console:");
      for (const person of people.all()) {
        const roles = await rolesOf(ctx, person.id);
        const roleText = roles.roles.length ? roles.roles.map((r) => `${roleNames[r.role]}${describeCategory(r.category)}`).join(", ") : "no role";
        out(`  @${person.name}${person.id === user.id ? " (you)" : ""} · ${person.id} · ${roleText}`);
      }
      out(`Mention anyone with @Name; "as NAME" acts as them; /mod admin role @Name ROLE gives them a role.`);
      return;
    }
    // as NAME
    if (!rest) return out(`Who? For example: as Bob (${people.all().map((p) => p.name).join(", ")} are here).`);
    const resolved = people.resolve(rest);
    if (!resolved) return out(`⚠ "${rest}" can't be a name: use a letter or digit.`);
    const { person } = resolved;
    await ctx.prisma.slackUser.upsert({ where: { id: person.id }, create: { id: person.id, name: person.name }, update: {} });
    user.id = person.id;
    user.name = person.name;
    out(`${resolved.isNew ? "New in the console. " : ""}${await this.whoYouAre()}`);
  }

  /** Reads a line inside a form or a menu: Ctrl-C is /cancel there, and cancels every open form. */
  private async ask(prompt: string): Promise<string | null> {
    const line = await this.s.lines.ask(prompt);
    if (line !== INTERRUPTED) return line;
    this.interrupted = true;
    return CANCEL;
  }

  private async slashCommand(typed: string): Promise<"eof" | void> {
    const first = typed.split(/\s+/)[0];
    const [command, typedText] = first.startsWith("/") ? [first.toLowerCase(), typed.slice(first.length).trim()] : ["/mod", typed];
    if (!first.startsWith("/")) this.s.out(`(as /mod ${typed})`);
    const { text, added } = withMentions(typedText, this.s.people);
    for (const person of added) {
      await this.s.ctx.prisma.slackUser.upsert({ where: { id: person.id }, create: { id: person.id, name: person.name }, update: {} });
      this.s.out(`(@${person.name} is new in the console: ${person.id}. "who" lists everyone; "as ${person.name}" acts as them.)`);
    }
    const responseUrl = this.s.local.responseUrl();
    const delivery = await this.s.receiver.deliver(slashCommandBody({ command, text, user: this.s.user, responseUrl }));
    if (!delivery.acked) {
      this.s.out(`${command} isn't a command this app answers (in Slack: "${command} failed with the error dispatch_failed"). Try /mod help.`);
      return this.settle([]);
    }
    const immediate: SlackOutput[] = [];
    const reply = delivery.response;
    if (reply !== undefined && reply !== null && reply !== "") {
      const message = typeof reply === "string" ? { text: reply } : (reply as Json);
      const visibility = message.response_type === "in_channel" ? "channel" : "ephemeral";
      const path = this.s.transcript.saveJson(`${visibility}-message`, { via: "ack", ...message });
      immediate.push({
        kind: "message",
        visibility,
        channel: CONSOLE_CHANNEL.id,
        ts: `ack-${Date.now()}`,
        text: message.text,
        blocks: message.blocks,
        via: "ack",
        path,
      });
    }
    return this.settle(immediate);
  }

  /** Shows what the bot sent, then runs any modal it opened until the modal is closed. */
  private async settle(first: SlackOutput[]): Promise<"eof" | void> {
    this.show([...first, ...this.s.local.drain()]);
    while (this.modals.length > 0) {
      const result = await this.driveModal(this.modals[this.modals.length - 1]);
      if (result === "eof") return "eof";
      if (this.interrupted) {
        this.interrupted = false;
        for (const modal of [...this.modals].reverse()) await this.closeModal(modal, { quietly: true });
        this.s.out("  (Ctrl-C: the form is cancelled; nothing in it was saved)");
      }
      this.show(this.s.local.drain());
    }
  }

  private show(outputs: SlackOutput[]): void {
    const { out } = this.s;
    const fresh: ActiveChoice[] = [];
    for (const output of outputs) {
      switch (output.kind) {
        case "message": {
          const rendered = renderMessage(output, { firstChoice: fresh.length + 1, ansi: this.s.ansi, names: this.names });
          const nameOf = (id: string) => (id === this.s.user.id ? "you" : `@${this.s.people.nameOf(id) ?? id}`);
          const where =
            output.visibility === "ephemeral"
              ? `only visible to ${output.user ? nameOf(output.user) : "you"}`
              : output.visibility === "direct"
                ? `direct message to ${nameOf(output.channel)}`
                : `in #${CONSOLE_CHANNEL.name}`;
          out(`┌ modbot · ${where}${output.change ? ` · ${output.change}` : ""}`);
          for (const line of (rendered.text || "(an empty message)").split("\n")) out(`│ ${line}`);
          out(`└ saved ${output.path}`);
          const source: ActionSource = {
            kind: "message",
            ts: output.ts,
            channel: output.channel,
            ephemeral: output.visibility === "ephemeral",
            message: { type: "message", ts: output.ts, text: output.text, blocks: output.blocks, user: "UMODBOT", bot_id: "BMODBOT" },
            responseUrl: "",
          };
          fresh.push(...rendered.choices.map((choice) => ({ ...choice, source })));
          break;
        }
        case "view":
          this.onView(output);
          break;
        case "file":
          out(`📎 The bot uploaded ${output.title ?? output.filename}${output.comment ? ` — ${output.comment}` : ""}`);
          out(`  saved ${output.path}`);
          break;
        case "notice":
          out(`(${output.text})`);
          break;
      }
    }
    if (fresh.length) this.choices = fresh;
  }

  private onView(output: Extract<SlackOutput, { kind: "view" }>): void {
    const { out } = this.s;
    if (output.action === "publish") {
      const rendered = renderBlocks(output.view.blocks ?? [], { ansi: this.s.ansi, names: this.names });
      out("┌ modbot · App Home (updated)");
      for (const line of rendered.text.split("\n")) out(`│ ${line}`);
      out(`└ saved ${output.path}`);
      return;
    }
    if (output.action === "update") {
      const index = this.modals.findIndex((m) => m.view.id === output.view.id);
      if (index >= 0) this.modals[index] = { ...carryOver(this.modals[index], output.view), path: output.path };
      return;
    }
    this.modals.push({ view: output.view, values: {}, errors: {}, toAsk: null, path: output.path });
  }

  /** Presses a numbered button or menu of the last message that had any. */
  private async press(number: number): Promise<"eof" | void> {
    const choice = this.choices.find((c) => c.number === number);
    if (!choice) {
      this.s.out(
        this.choices.length
          ? `There's no ${number} in the last message with buttons; pick 1 to ${this.choices.length}.`
          : "There are no buttons to press yet. Type a command such as /mod status SECMP0053.",
      );
      return;
    }
    const action = await this.actionFor(choice.element, choice.label);
    if (action === "eof") return "eof";
    if (!action) return;
    const source = choice.source.kind === "message" ? { ...choice.source, responseUrl: this.s.local.responseUrl() } : choice.source;
    const delivery = await this.s.receiver.deliver(blockActionsBody({ user: this.s.user, source, blockId: choice.blockId, action }));
    if (!delivery.acked) this.s.out(`Nothing happened: the bot doesn't handle "${choice.label}" (${choice.element.action_id}) yet.`);
    return this.settle([]);
  }

  /** The `actions[0]` Slack sends when an element is used; asks for a value when it needs one. */
  private async actionFor(element: Json, label: string): Promise<Json | "eof" | null> {
    const base = { type: element.type, action_id: element.action_id };
    if (element.type === "button" || element.type === "workflow_button") {
      if (element.url) this.s.out(`(In Slack this also opens ${element.url})`);
      return { ...base, text: element.text, value: element.value, ...(element.style ? { style: element.style } : {}) };
    }
    const options = element.type === "overflow" ? (element.options ?? []) : optionsOf(element);
    this.s.out(label);
    this.listOptions(options);
    for (;;) {
      const typed = await this.ask("  › ");
      if (typed === null) return "eof";
      if (!typed.trim() || typed.trim() === CANCEL) return null;
      const answer =
        element.type === "overflow"
          ? answerField({ ...element, type: "static_select" }, typed, this.answerContext, options)
          : answerField(element, typed, this.answerContext, options);
      if (answer.ok) {
        const { type: _type, ...value } = answer.value;
        return { ...base, ...value };
      }
      this.s.out(`  ⚠ ${answer.message}`);
    }
  }

  private listOptions(options: Option[]): void {
    options.forEach((option, i) => {
      const description = option.description?.text ? ` — ${option.description.text}` : "";
      this.s.out(`    ${i + 1}) ${optionLabel(option)}${description}`);
    });
  }

  private inputBlocks(view: Json): Json[] {
    return (Array.isArray(view.blocks) ? view.blocks : []).filter((b: Json) => b?.type === "input" && b.element);
  }

  /** One round of a modal: ask what needs asking, then submit, cancel or press a button. */
  private async driveModal(modal: OpenModal): Promise<"eof" | void> {
    const { out } = this.s;
    const inputs = this.inputBlocks(modal.view);
    const other = renderBlocks(
      (modal.view.blocks ?? []).filter((b: Json) => b?.type !== "input"),
      { firstChoice: inputs.length + 1, ansi: this.s.ansi, names: this.names },
    );
    if (modal.toAsk === null) {
      const title = textOf(modal.view.title) || "(untitled)";
      out(`┌ modbot · form: ${title}`);
      if (other.text) for (const line of other.text.split("\n")) out(`│ ${line}`);
      out(`└ saved ${modal.path ?? this.s.transcript.dir}`);
      if (inputs.length) out("  (Enter keeps the value in [brackets]; - empties an optional field; /cancel closes the form)");
      modal.toAsk = inputs.map((b) => b.block_id);
    }
    for (const blockId of modal.toAsk) {
      const index = inputs.findIndex((b) => b.block_id === blockId);
      if (index < 0) continue;
      const asked = await this.askField(modal, inputs[index], index + 1);
      if (asked === "eof") return "eof";
      if (asked === "cancel") return this.closeModal(modal);
      if (asked === "changed") return this.resumeAfter(modal, blockId);
    }
    modal.toAsk = [];
    if (!modal.view.submit && other.choices.length === 0) {
      if (!inputs.length) return this.closeModal(modal, { quietly: true });
    }
    const submitLabel = textOf(modal.view.submit) || "Submit";
    const buttons = other.choices.map((c) => `${c.number} = ${c.label}`);
    const options = [
      modal.view.submit ? `Enter = ${submitLabel}` : "Enter = close",
      inputs.length ? `1–${inputs.length} = change that field` : "",
      ...buttons,
      `${CANCEL} = ${textOf(modal.view.close) || "Cancel"}`,
    ].filter(Boolean);
    const typed = await this.ask(`  ${options.join(" · ")} › `);
    if (typed === null) return "eof";
    const answer = typed.trim();
    if (answer === CANCEL || (!modal.view.submit && answer === "")) return this.closeModal(modal);
    if (/^\d+$/.test(answer)) {
      const n = Number(answer);
      if (n >= 1 && n <= inputs.length) {
        modal.toAsk = [inputs[n - 1].block_id];
        return;
      }
      const choice = other.choices.find((c) => c.number === n);
      if (!choice) {
        out(`  ⚠ There's no ${n} here.`);
        return;
      }
      const action = await this.actionFor(choice.element, choice.label);
      if (action === "eof") return "eof";
      if (!action) return;
      const source: ActionSource = { kind: "view", view: modal.view, values: this.stateOf(modal, inputs) };
      const delivery = await this.s.receiver.deliver(blockActionsBody({ user: this.s.user, source, blockId: choice.blockId, action }));
      if (!delivery.acked) out(`  Nothing happened: the bot doesn't handle "${choice.label}" (${choice.element.action_id}) yet.`);
      return;
    }
    if (answer !== "" && !/^(y|yes|submit|ok)$/i.test(answer)) {
      out(`  ⚠ Press Enter to ${submitLabel.toLowerCase()}, type a field's number to change it, or ${CANCEL}.`);
      return;
    }
    return this.submit(modal, inputs);
  }

  /**
   * A dispatch action (Enter in a field) redrew the form: show what it says now and go on from
   * the field after `blockId`, as a person in Slack would, rather than starting the form again.
   */
  private resumeAfter(before: OpenModal, blockId: string): void {
    const now = this.modals[this.modals.length - 1];
    if (!now || now === before || now.toAsk !== null) return;
    const oldIds = this.inputBlocks(before.view).map((b) => b.block_id);
    const newIds = this.inputBlocks(now.view).map((b) => b.block_id);
    const after = oldIds.slice(oldIds.indexOf(blockId) + 1);
    now.toAsk = newIds.filter((id) => after.includes(id) || !oldIds.includes(id));
    const other = renderBlocks((now.view.blocks ?? []).filter((b: Json) => b?.type !== "input"), { firstChoice: newIds.length + 1, ansi: this.s.ansi, names: this.names });
    this.s.out(`┌ modbot · form updated: ${textOf(now.view.title) || "(untitled)"}`);
    if (other.text) for (const line of other.text.split("\n")) this.s.out(`│ ${line}`);
    this.s.out(`└ saved ${now.path ?? this.s.transcript.dir}`);
  }

  private async askField(modal: OpenModal, block: Json, number: number): Promise<"eof" | "cancel" | "changed" | void> {
    const { out } = this.s;
    const element = block.element as Json;
    const label = textOf(block.label) || block.block_id;
    const actionId = element.action_id;
    const current = modal.values[block.block_id]?.[actionId] ?? initialValue(element)?.value;
    const shownCurrent = current ? describeValue(current) : "";
    out(`  ${number}. ${label}${block.optional ? " (optional)" : ""}${shownCurrent ? ` [${shownCurrent}]` : ""}`);
    if (block.hint) out(`     ${textOf(block.hint)}`);
    const error = modal.errors[block.block_id];
    if (error) out(`     ⚠ ${error}`);
    let options: Option[] = optionsOf(element);
    if (element.type === "external_select" || element.type === "multi_external_select") {
      const found = await this.searchOptions(modal, block);
      if (found === "eof") return "eof";
      if (found === "cancel") return "cancel";
      options = found ?? [];
      if (!found) out("     (this app offers no list here; type the value)");
    }
    if (options.length) this.listOptions(options);
    else if (element.type === "datepicker") out(`     a date: "30 Sep 2019", "next Friday", "2019-09-30"`);
    else if (!["plain_text_input", "number_input", "email_text_input", "url_text_input", "rich_text_input", "external_select", "multi_external_select", "users_select", "multi_users_select", "conversations_select", "channels_select", "timepicker", "datetimepicker"].includes(element.type)) {
      out(`     [unsupported element: ${element.type}] — left empty`);
      return;
    }
    if (["checkboxes", "multi_static_select", "multi_external_select"].includes(element.type)) out("     (several: separate them with commas)");
    // Enter to keep a value is not Enter pressed in the field: only a typed answer dispatches.
    let typedAnswer = false;
    for (;;) {
      const typed = await this.ask("     › ");
      if (typed === null) return "eof";
      const text = typed.trim();
      if (text === CANCEL) return "cancel";
      typedAnswer = text !== "";
      let value: Json | undefined;
      if (text === "") {
        if (current) value = current;
        else if (block.optional) value = emptyValue(element);
        else {
          out("     ⚠ Please fill in this field; it is required.");
          continue;
        }
      } else if (text === "-" && block.optional) {
        value = emptyValue(element);
      } else {
        const free = (element.type === "external_select" || element.type === "multi_external_select") && options.length === 0;
        const answer = free
          ? { ok: true as const, value: freeTextOption(element.type, text), shown: text }
          : answerField(element, typed, this.answerContext, options);
        if (!answer.ok) {
          out(`     ⚠ ${answer.message}`);
          continue;
        }
        value = answer.value;
        if (answer.shown && answer.shown !== text) out(`     → ${answer.shown}`);
      }
      modal.values[block.block_id] = { ...modal.values[block.block_id], [actionId]: value };
      delete modal.errors[block.block_id];
      break;
    }
    if (block.dispatch_action && typedAnswer) {
      const source: ActionSource = { kind: "view", view: modal.view, values: this.stateOf(modal, this.inputBlocks(modal.view)) };
      const { type: _type, ...value } = modal.values[block.block_id][actionId];
      const before = modal.view;
      await this.s.receiver.deliver(
        blockActionsBody({ user: this.s.user, source, blockId: block.block_id, action: { type: element.type, action_id: actionId, ...value } }),
      );
      this.show(this.s.local.drain());
      if (this.modals[this.modals.length - 1]?.view !== before) return "changed";
    }
  }

  /** An external select's options come from the app's options listener, as in Slack. */
  private async searchOptions(modal: OpenModal, block: Json): Promise<Option[] | null | "eof" | "cancel"> {
    for (;;) {
      const typed = await this.ask("     search (Enter lists everything) › ");
      if (typed === null) return "eof";
      if (typed.trim() === CANCEL) return "cancel";
      const delivery: Delivery = await this.s.receiver.deliver(
        blockSuggestionBody({
          user: this.s.user,
          view: modal.view,
          values: this.stateOf(modal, this.inputBlocks(modal.view)),
          blockId: block.block_id,
          actionId: block.element.action_id,
          value: typed.trim(),
        }),
      );
      if (!delivery.acked) return null;
      const found = optionsOf((delivery.response ?? {}) as Json);
      if (found.length) return found;
      this.s.out(`     Nothing matches "${typed.trim()}"; try other words.`);
    }
  }

  private stateOf(modal: OpenModal, inputs: Json[]): Json {
    const values: Json = {};
    for (const block of inputs) {
      const actionId = block.element.action_id;
      values[block.block_id] = {
        [actionId]: modal.values[block.block_id]?.[actionId] ?? initialValue(block.element)?.value ?? emptyValue(block.element),
      };
    }
    return values;
  }

  private async submit(modal: OpenModal, inputs: Json[]): Promise<void> {
    const { out } = this.s;
    const body = viewSubmissionBody({ user: this.s.user, view: modal.view, values: this.stateOf(modal, inputs) });
    const delivery = await this.s.receiver.deliver(body);
    const response = (delivery.response ?? {}) as Json;
    if (!delivery.acked) {
      out("  ⚠ The bot didn't answer the form (in Slack: \"We had some trouble connecting\"). It is still open.");
      return;
    }
    switch (response.response_action) {
      case "errors": {
        const errors = (response.errors ?? {}) as Record<string, string>;
        modal.errors = errors;
        const known = inputs.map((b) => b.block_id);
        modal.toAsk = known.filter((id) => id in errors);
        const labels = new Map(inputs.map((b) => [b.block_id, textOf(b.label)]));
        out("  The form has problems; fix them and submit again:");
        for (const [blockId, message] of Object.entries(errors)) out(`  ⚠ ${labels.get(blockId) ?? blockId}: ${message}`);
        if (modal.toAsk.length === 0) modal.toAsk = known;
        return;
      }
      case "update":
        this.modals[this.modals.indexOf(modal)] = carryOver(modal, this.s.local.rememberView({ ...response.view, id: modal.view.id }));
        return;
      case "push":
        this.modals.push({ view: this.s.local.rememberView(response.view), values: {}, errors: {}, toAsk: null });
        return;
      case "clear":
        this.modals = [];
        out("  (form submitted; all forms closed)");
        return;
      default:
        this.modals.splice(this.modals.indexOf(modal), 1);
        out(`  (form submitted: ${textOf(modal.view.title)})`);
    }
  }

  private async closeModal(modal: OpenModal, options: { quietly?: boolean } = {}): Promise<void> {
    this.modals.splice(this.modals.indexOf(modal), 1);
    if (!options.quietly) this.s.out(`  (form closed without submitting: ${textOf(modal.view.title)})`);
    if (modal.view.notify_on_close) {
      await this.s.receiver.deliver(viewClosedBody({ user: this.s.user, view: modal.view }));
    }
  }
}

/** A modal replaced by views.update keeps what was typed into fields that are still there. */
function carryOver(modal: OpenModal, view: Json): OpenModal {
  const values: Json = {};
  for (const block of Array.isArray(view.blocks) ? view.blocks : []) {
    const kept = modal.values[block?.block_id]?.[block?.element?.action_id];
    if (kept) values[block.block_id] = { [block.element.action_id]: kept };
  }
  return { view, values, errors: {}, toAsk: null };
}

function textOf(t: unknown): string {
  return t && typeof t === "object" && typeof (t as Json).text === "string" ? renderMessage({ text: (t as Json).text }).text : "";
}

function describeValue(value: Json): string {
  if (value.selected_option) return optionLabel(value.selected_option);
  if (Array.isArray(value.selected_options)) return value.selected_options.map(optionLabel).join(", ");
  if (value.selected_date) return formatReportDate(parseIsoDate(value.selected_date));
  return String(
    value.selected_time ?? value.selected_user ?? value.selected_conversation ?? value.selected_channel ?? value.value ?? "",
  );
}

function freeTextOption(type: string, text: string): Json {
  const option = (t: string) => ({ text: { type: "plain_text", text: t }, value: t });
  return type === "multi_external_select"
    ? { type, selected_options: text.split(",").map((p) => option(p.trim())).filter((o) => o.value) }
    : { type, selected_option: option(text) };
}
