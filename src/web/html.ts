// HTML for the public register pages: every value goes through `text` (escaped), markup is
// assembled only from these helpers, and the pages carry no script at all.

/** Escaped text: the only way a value gets into a page. */
export function text(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A tagged template whose interpolations are escaped unless they are `Html` already. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return text(value);
}

export const STYLESHEET_PATH = "/assets/register.css";

export function page(options: { title: string; body: Html; description?: string }): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ""}
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Site"><a href="/register">Modification Register</a> · <a href="/reports">Change Status Reports</a> · <a href="/calendar.ics">Calendar (iCalendar)</a> · <a href="/register.csv">Register (CSV)</a></nav></header>
<main id="main">
${options.body}
</main>
</body>
</html>
`.value;
}

// Contrast: text #1a1a1a on #fff (17:1), links #0b4f9c (8:1), late #8a1c00 (8:1).
export const STYLESHEET = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:80rem;padding:0 1rem}
a{color:#0b4f9c}a:focus{outline:3px solid #ffbf47;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.25rem}
header{border-bottom:1px solid #767676;padding:.5rem 0}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f2f1}caption{text-align:left;font-weight:600;padding:.25rem 0}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;background:#f3f2f1;padding:.75rem}
form.filters label{display:flex;flex-direction:column;font-size:.9rem}
input,select,button{font:inherit;padding:.25rem}
.late{color:#8a1c00;font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0;white-space:pre-line}
ol.timeline{list-style:none;padding:0}ol.timeline li{padding:.25rem 0;border-bottom:1px solid #e0e0e0}ol.timeline time{display:inline-block;min-width:8rem;font-weight:600}
@media print{header,form.filters,.skip{display:none}a{color:inherit;text-decoration:none}body{max-width:none}th{background:none}}
`;
