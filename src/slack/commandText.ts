// Slash-command text as Slack sends it with "Escape channels, users, and links" on (manifest
// `should_escape: true`): a picked user arrives as <@U123|alex>, a user group as
// <!subteam^S123|@dcc>, a channel as <#C123|general> (or <#C123|>), a link as <https://x|label>,
// @channel as <!channel>, and what was typed as &, < and > as &amp;, &lt; and &gt;
// (docs.slack.dev/interactivity/implementing-slash-commands, "Escaping"; formatting-message-text,
// "Escaping text"). Read back here, once, into what the person meant: mentions in one canonical
// form every subcommand parses (<@U123>, <!subteam^S123>, <#C123>), everything else as typed.

const TOKEN = /<([^<>]*)>/g;

export function readCommandText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    out += decodeEntities(text.slice(last, match.index));
    out += readToken(match[1]!);
    last = match.index! + match[0].length;
  }
  return out + decodeEntities(text.slice(last));
}

function readToken(inner: string): string {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decodeEntities(inner.slice(bar + 1));
  let m: RegExpExecArray | null;
  if ((m = /^@([UW][A-Z0-9]+)$/.exec(target))) return `<@${m[1]}>`;
  if ((m = /^!subteam\^([A-Z0-9]+)$/.exec(target))) return `<!subteam^${m[1]}>`;
  if ((m = /^#(C[A-Z0-9]+|G[A-Z0-9]+)$/.exec(target))) return `<#${m[1]}>`;
  if ((m = /^!(channel|here|everyone)$/.exec(target))) return `@${m[1]}`;
  if (target.startsWith("!date^")) return label ?? "";
  const url = decodeEntities(target);
  if (target.startsWith("mailto:")) return label ?? url.slice("mailto:".length);
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return label && label !== url ? `${label} (${url})` : url;
  // Not something Slack produces: keep it as it came.
  return `<${decodeEntities(inner)}>`;
}

function decodeEntities(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
