// Block Kit → the text a person would read. The console prints it; tests assert on it instead of
// raw JSON. Pure and forgiving: blocks come from other modules and from Slack's future, so an
// element it does not know becomes a visible placeholder rather than an exception.

type Json = Record<string, any>;

/** Something a person can press or fill in a message or modal: a button, a select, a date… */
export interface RenderedChoice {
  number: number;
  /** What the person sees, e.g. "History" or "Pick a date". */
  label: string;
  blockId: string;
  element: Json;
}

export interface RenderedBlocks {
  text: string;
  choices: RenderedChoice[];
}

export interface RenderOptions {
  /** Number given to the first interactive element (messages rendered together keep counting). */
  firstChoice?: number;
  /** Terminal emphasis (bold, dim) with ANSI escapes; plain text otherwise. */
  ansi?: boolean;
  /** Width of a divider. */
  width?: number;
  /** Names for user and channel ids, where the reader knows them (the console does). */
  names?: { user?(id: string): string | undefined; channel?(id: string): string | undefined };
}

const INTERACTIVE = new Set([
  "button", "static_select", "external_select", "users_select", "conversations_select", "channels_select",
  "multi_static_select", "multi_external_select", "multi_users_select", "multi_conversations_select",
  "multi_channels_select", "overflow", "datepicker", "timepicker", "datetimepicker", "checkboxes", "radio_buttons",
  "workflow_button",
]);

const EMOJI: Record<string, string> = {
  warning: "⚠️", white_check_mark: "✅", heavy_check_mark: "✔️", x: "❌", alarm_clock: "⏰", calendar: "📅",
  date: "📅", spiral_calendar_pad: "🗓️", memo: "📝", pencil: "📝", bar_chart: "📊", chart_with_upwards_trend: "📈",
  information_source: "ℹ️", hourglass: "⌛", hourglass_flowing_sand: "⏳", no_entry: "⛔", no_entry_sign: "🚫",
  tada: "🎉", mag: "🔍", page_facing_up: "📄", clipboard: "📋", ballot_box_with_ballot: "🗳️", lock: "🔒",
  thumbsup: "👍", "+1": "👍", thumbsdown: "👎", "-1": "👎", wave: "👋", bell: "🔔", red_circle: "🔴",
  large_green_circle: "🟢", large_yellow_circle: "🟡", large_orange_circle: "🟠", arrow_right: "➡️",
  heavy_plus_sign: "➕", email: "📧", inbox_tray: "📥", outbox_tray: "📤", paperclip: "📎", link: "🔗",
  construction: "🚧", rocket: "🚀", zzz: "💤", stopwatch: "⏱️", question: "❓", exclamation: "❗", eyes: "👀",
};

interface Style {
  bold(text: string): string;
  italic(text: string): string;
  strike(text: string): string;
  dim(text: string): string;
}

const plainStyle: Style = { bold: (t) => t, italic: (t) => t, strike: (t) => t, dim: (t) => t };
const ansiStyle: Style = {
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  italic: (t) => `\x1b[3m${t}\x1b[23m`,
  strike: (t) => `\x1b[9m${t}\x1b[29m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
};

/** A message (its blocks, or its text when it has none) as readable text with numbered choices. */
export function renderMessage(message: { text?: unknown; blocks?: unknown }, options: RenderOptions = {}): RenderedBlocks {
  const blocks = Array.isArray(message.blocks) ? message.blocks : [];
  if (blocks.length === 0) {
    return { text: typeof message.text === "string" ? mrkdwnToText(message.text, options) : "", choices: [] };
  }
  return renderBlocks(blocks, options);
}

/** Just the text of a message, as a person reads it (for tests). */
export function messageText(message: { text?: unknown; blocks?: unknown }): string {
  return renderMessage(message).text;
}

export function renderBlocks(blocks: readonly unknown[], options: RenderOptions = {}): RenderedBlocks {
  const renderer = new Renderer(options);
  const parts: string[] = [];
  for (const block of blocks) {
    let rendered: string;
    try {
      rendered = renderer.block(block);
    } catch {
      rendered = `[unreadable ${describeType(block)} block]`;
    }
    if (rendered !== "") parts.push(rendered);
  }
  return { text: parts.join("\n"), choices: renderer.choices };
}

function describeType(node: unknown): string {
  return node && typeof node === "object" && typeof (node as Json).type === "string" ? (node as Json).type : "unknown";
}

class Renderer {
  readonly choices: RenderedChoice[] = [];
  private next: number;
  private readonly style: Style;
  private readonly width: number;

  constructor(private readonly options: RenderOptions) {
    this.next = options.firstChoice ?? 1;
    this.style = options.ansi ? ansiStyle : plainStyle;
    this.width = options.width ?? 60;
  }

  block(block: unknown): string {
    if (!block || typeof block !== "object") return "[unreadable block]";
    const b = block as Json;
    switch (b.type) {
      case "section":
        return this.section(b);
      case "header":
        return this.style.bold(this.textObject(b.text));
      case "divider":
        return this.style.dim("─".repeat(this.width));
      case "context":
        return this.style.dim(this.list(b.elements).map((e) => this.contextElement(e)).filter(Boolean).join(" · "));
      case "actions":
        return this.list(b.elements).map((e) => this.element(e, b.block_id)).join("   ");
      case "image":
        return `[image: ${b.alt_text ?? this.textObject(b.title) ?? ""}]${b.title ? ` ${this.textObject(b.title)}` : ""}`;
      case "input":
        return this.input(b);
      case "rich_text":
        return this.list(b.elements).map((e) => this.richBlock(e)).join("\n");
      case "markdown":
        return typeof b.text === "string" ? b.text : "";
      case "video":
        return `[video: ${this.textObject(b.title)}]${b.title_url ? ` ${b.title_url}` : ""}`;
      case "file":
        return `[file: ${b.external_id ?? "attached"}]`;
      default:
        return `[unsupported block: ${describeType(b)}]`;
    }
  }

  private list(value: unknown): Json[] {
    return Array.isArray(value) ? (value as Json[]) : [];
  }

  private section(b: Json): string {
    const lines: string[] = [];
    if (b.text) lines.push(this.textObject(b.text));
    const fields = this.list(b.fields).map((f) => this.textObject(f));
    for (let i = 0; i < fields.length; i += 2) {
      const [left, right] = [fields[i], fields[i + 1]];
      // Slack lays fields out two to a row; side by side only when both fit on one line.
      if (right !== undefined && !left.includes("\n") && !right.includes("\n") && visibleLength(left) < 36) {
        lines.push(`${left}${" ".repeat(38 - visibleLength(left))}${right}`);
      } else {
        lines.push(left);
        if (right !== undefined) lines.push(right);
      }
    }
    if (b.accessory) {
      const accessory = b.accessory.type === "image" ? `[image: ${b.accessory.alt_text ?? ""}]` : this.element(b.accessory, b.block_id);
      lines.push(`  ${accessory}`);
    }
    return lines.join("\n");
  }

  private input(b: Json): string {
    const label = this.textObject(b.label);
    const hint = b.hint ? `\n  ${this.style.dim(this.textObject(b.hint))}` : "";
    return `${label}${b.optional ? " (optional)" : ""}: ${describeElement(b.element, (t) => this.textObject(t))}${hint}`;
  }

  private contextElement(e: Json): string {
    if (e?.type === "image") return e.alt_text ? `[${e.alt_text}]` : "";
    if (e?.type === "plain_text" || e?.type === "mrkdwn") return this.textObject(e);
    return `[unsupported element: ${describeType(e)}]`;
  }

  /** An interactive element: numbered so the person can pick it. */
  private element(e: Json, blockId: unknown): string {
    const type = describeType(e);
    if (!INTERACTIVE.has(type)) {
      if (type === "image") return `[image: ${e.alt_text ?? ""}]`;
      return `[unsupported element: ${type}]`;
    }
    const label = describeElement(e, (t) => this.textObject(t));
    const number = this.next++;
    this.choices.push({ number, label, blockId: typeof blockId === "string" ? blockId : "", element: e });
    const marks = e.style === "danger" ? " (!)" : "";
    return `[${number}] ${label}${marks}${e.url ? ` ↗ ${e.url}` : ""}`;
  }

  textObject(t: unknown): string {
    if (typeof t === "string") return this.mrkdwn(t);
    if (!t || typeof t !== "object") return "";
    const text = typeof (t as Json).text === "string" ? (t as Json).text : "";
    return (t as Json).type === "mrkdwn" ? this.mrkdwn(text) : replaceEmoji(text);
  }

  private mrkdwn(text: string): string {
    return mrkdwnToText(text, this.options);
  }

  private richBlock(e: Json): string {
    switch (e?.type) {
      case "rich_text_section":
        return this.richInline(e.elements);
      case "rich_text_preformatted":
        return `\`\`\`\n${this.richInline(e.elements)}\n\`\`\``;
      case "rich_text_quote":
        return this.richInline(e.elements).split("\n").map((line) => `> ${line}`).join("\n");
      case "rich_text_list": {
        const indent = "  ".repeat(Number(e.indent) || 0);
        return this.list(e.elements)
          .map((item, i) => `${indent}${e.style === "ordered" ? `${i + 1}.` : "•"} ${this.richBlock(item)}`)
          .join("\n");
      }
      default:
        return `[unsupported element: ${describeType(e)}]`;
    }
  }

  private richInline(elements: unknown): string {
    return this.list(elements)
      .map((e) => {
        switch (e?.type) {
          case "text": {
            let text = String(e.text ?? "");
            if (e.style?.bold) text = this.style.bold(text);
            if (e.style?.italic) text = this.style.italic(text);
            if (e.style?.strike) text = this.style.strike(text);
            if (e.style?.code) text = `\`${text}\``;
            return text;
          }
          case "link":
            return e.text && e.text !== e.url ? `${e.text} (${e.url})` : String(e.url ?? "");
          case "user":
            return `@${this.options.names?.user?.(e.user_id) ?? e.user_id}`;
          case "usergroup":
            return `@${e.usergroup_id}`;
          case "channel":
            return `#${this.options.names?.channel?.(e.channel_id) ?? e.channel_id}`;
          case "broadcast":
            return `@${e.range}`;
          case "emoji":
            return e.unicode ? String.fromCodePoint(...String(e.unicode).split("-").map((h: string) => parseInt(h, 16))) : `:${e.name}:`;
          case "date":
            return String(e.fallback ?? e.format ?? "");
          default:
            return `[unsupported element: ${describeType(e)}]`;
        }
      })
      .join("");
  }
}

/** How an interactive element reads when it is not being used: "History", "Pick a date ▾"… */
export function describeElement(element: unknown, text: (t: unknown) => string = plainTextOf): string {
  const e = (element ?? {}) as Json;
  const placeholder = e.placeholder ? text(e.placeholder) : "";
  switch (e.type) {
    case "button":
    case "workflow_button":
      return text(e.text);
    case "overflow":
      return `⋯ ${e.options?.length ?? 0} more actions`;
    case "datepicker":
      return `📅 ${e.initial_date ? e.initial_date : placeholder || "pick a date"}`;
    case "timepicker":
      return `🕒 ${e.initial_time ?? (placeholder || "pick a time")}`;
    case "datetimepicker":
      return "📅 pick a date and time";
    case "checkboxes":
    case "radio_buttons":
      return (e.options ?? []).map((o: Json) => `( ) ${text(o.text)}`).join("  ");
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
    case "rich_text_input":
      return `[${e.initial_value ?? placeholder ?? ""}]`;
    case undefined:
      return "[unsupported element: unknown]";
    default:
      if (typeof e.type === "string" && /select$/.test(e.type)) {
        const initial = e.initial_option ? text(e.initial_option.text) : "";
        return `${initial || placeholder || "choose"} ▾`;
      }
      return `[unsupported element: ${e.type}]`;
  }
}

function plainTextOf(t: unknown): string {
  if (typeof t === "string") return t;
  return t && typeof t === "object" && typeof (t as Json).text === "string" ? mrkdwnToText((t as Json).text) : "";
}

/** Slack mrkdwn → what it looks like: links, mentions, entities, *bold*, _italic_, ~strike~, :emoji:. */
export function mrkdwnToText(text: string, options: RenderOptions = {}): string {
  const style = options.ansi ? ansiStyle : plainStyle;
  // Code spans and blocks are shown as typed; emphasis applies only outside them.
  return text
    .split(/(```[\s\S]*?```|`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? decodeEntities(part) : emphasis(decodeEntities(replaceEmoji(links(part, options.names))), style)))
    .join("");
}

function links(text: string, names: RenderOptions["names"]): string {
  return text.replace(/<([^<>\s][^<>]*)>/g, (_whole, inner: string) => {
    const [target, label] = splitOnce(inner, "|");
    if (target.startsWith("@")) return label ? `@${label.replace(/^@/, "")}` : `@${names?.user?.(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith("#")) return label ? `#${label}` : `#${names?.channel?.(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith("!subteam^")) return label ?? `@${target.slice("!subteam^".length)}`;
    if (target.startsWith("!date^")) return label ?? "";
    if (target.startsWith("!")) return `@${target.slice(1)}`;
    if (target.startsWith("mailto:")) return label ?? target.slice("mailto:".length);
    return label && label !== target ? `${label} (${target})` : target;
  });
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function decodeEntities(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => (Object.hasOwn(EMOJI, name) ? EMOJI[name]! : whole));
}

// Slack's rule: a marker opens after a line start, space or punctuation and closes before one.
const OPEN = "(^|[\\s(\\[{\"'‘“>/])";
const CLOSE = "(?=$|[\\s)\\]}.,;:!?\"'’”<>/-])";
const markers: [string, keyof Style][] = [
  ["\\*", "bold"],
  ["_", "italic"],
  ["~", "strike"],
];

function emphasis(text: string, style: Style): string {
  let out = text;
  for (const [marker, kind] of markers) {
    const pattern = new RegExp(`${OPEN}${marker}(?=\\S)([^\\n]*?\\S)${marker}${CLOSE}`, "gm");
    out = out.replace(pattern, (_whole, before: string, inner: string) => `${before}${style[kind](inner)}`);
  }
  return out;
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "").length;
}
