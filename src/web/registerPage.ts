import { formatReportDate } from "../domain/calendarDate.ts";
import { describeStatus, modificationPaths, pathTitles, stages } from "../domain/lifecycle.ts";
import { categoryLabels, partyCategories, type PartyCategory } from "../domain/parties.ts";
import { html, page, type Html } from "./html.ts";
import type { RegisterRow } from "./registerData.ts";

// /register: every modification, filtered and sorted by query parameters, so it works with no
// script at all (a GET form) and every view has an address that can be shared or bookmarked.

export interface RegisterQuery {
  q: string;
  stage: string;
  path: string;
  proposer: string;
  category: string;
  release: string;
  late: boolean;
  sort: SortKey;
  dir: "asc" | "desc";
}

const sortKeys = ["reference", "title", "stage", "path", "proposer", "raised", "release", "next"] as const;
type SortKey = (typeof sortKeys)[number];

export function readRegisterQuery(params: URLSearchParams): RegisterQuery {
  const one = (name: string) => (params.get(name) ?? "").trim().slice(0, 200);
  const sort = one("sort");
  return {
    q: one("q"),
    stage: one("stage"),
    path: one("path"),
    proposer: one("proposer"),
    category: one("category"),
    release: one("release"),
    late: ["yes", "1", "true", "on"].includes(one("late").toLowerCase()),
    sort: (sortKeys as readonly string[]).includes(sort) ? (sort as SortKey) : "reference",
    dir: one("dir") === "desc" ? "desc" : "asc",
  };
}

export function filterRows(rows: readonly RegisterRow[], query: RegisterQuery): RegisterRow[] {
  const needle = query.q.toLowerCase();
  const filtered = rows.filter(
    (row) =>
      (!query.stage || row.stage === query.stage) &&
      (!query.path || row.path === query.path) &&
      (!query.proposer || row.proposer === query.proposer) &&
      (!query.category || row.proposerCategory === query.category) &&
      (!query.release || row.release === query.release) &&
      (!query.late || row.lateness.length > 0) &&
      (!needle || `${row.reference} ${row.title} ${row.summary ?? ""} ${row.proposer ?? ""}`.toLowerCase().includes(needle)),
  );
  const key = sortValue[query.sort];
  const sign = query.dir === "desc" ? -1 : 1;
  return filtered.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    // Blanks last either way, then the reference keeps the order stable.
    if (x === null || y === null) return x === y ? a.number - b.number : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "en-GB");
    return order !== 0 ? sign * order : a.number - b.number;
  });
}

const stageIndex = new Map<string, number>(stages.map((stage, i) => [stage, i]));

const sortValue: Record<SortKey, (row: RegisterRow) => string | number | null> = {
  reference: (row) => row.number,
  title: (row) => row.title,
  stage: (row) => stageIndex.get(row.stage)!,
  path: (row) => (row.path ? pathTitles[row.path] : null),
  proposer: (row) => row.proposer,
  raised: (row) => row.raisedOn?.getTime() ?? null,
  release: (row) => row.releaseDate?.getTime() ?? row.release,
  next: (row) => row.nextStep,
};

const columns: { key: SortKey; label: string }[] = [
  { key: "reference", label: "Reference" },
  { key: "title", label: "Title" },
  { key: "stage", label: "Stage" },
  { key: "path", label: "Path" },
  { key: "proposer", label: "Proposer" },
  { key: "raised", label: "Raised" },
  { key: "release", label: "Release" },
  { key: "next", label: "Next step" },
];

export function registerPage(allRows: readonly RegisterRow[], query: RegisterQuery, asOf: Date): string {
  const rows = filterRows(allRows, query);
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b, "en-GB"));
  const proposers = distinct(allRows.map((r) => r.proposer));
  const releases = distinct(allRows.map((r) => r.release));
  const categories = partyCategories.filter((c) => allRows.some((r) => r.proposerCategory === c));
  const body = html`<h1>Modification Register</h1>
<p>Every modification to the Smart Energy Code, as at ${formatReportDate(asOf)}. Filters and sorting are part of the address, so a view can be shared.</p>
<form class="filters" method="get" action="/register" role="search" aria-label="Filter the register">
<label>Search <input type="search" name="q" value="${query.q}"></label>
${select("stage", "Stage", stages.map((s) => [s, s]), query.stage)}
${select("path", "Path", modificationPaths.map((p) => [p, pathTitles[p]]), query.path)}
${select("proposer", "Proposer", proposers.map((p) => [p, p]), query.proposer)}
${select("category", "Party category", categories.map((c) => [c, categoryLabels[c as PartyCategory]]), query.category)}
${select("release", "Release", releases.map((r) => [r, r]), query.release)}
<label><span>Late DCC assessment</span><select name="late"><option value="">Any</option><option value="yes"${query.late ? html` selected` : ""}>Late only</option></select></label>
<input type="hidden" name="sort" value="${query.sort}"><input type="hidden" name="dir" value="${query.dir}">
<button type="submit">Apply</button> <a href="/register">Clear</a>
</form>
<p id="count" role="status">${rows.length} of ${allRows.length} modifications</p>
<table>
<caption>Modifications${query.late ? " with a late DCC assessment" : ""}</caption>
<thead><tr>${columns.map((c) => header(c, query))}</tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr data-reference="${row.reference}">
<th scope="row"><a href="/register/${row.reference}">${row.reference}</a></th>
<td>${row.title}</td>
<td>${row.stage}<br><small>${describeStatus(row.status)}${row.onHold ? " · on hold" : ""}</small></td>
<td>${row.path ? pathTitles[row.path] : "—"}</td>
<td>${row.proposer ?? "—"}</td>
<td>${row.raisedOn ? formatReportDate(row.raisedOn) : "—"}</td>
<td>${row.release ?? "—"}${row.releaseDate ? html`<br><small>${formatReportDate(row.releaseDate)}</small>` : ""}</td>
<td>${row.nextStep}${row.lateness.map((l) => html`<br><span class="late">${"⚠"} Late: ${l}</span>`)}</td>
</tr>`,
)}
</tbody>
</table>`;
  return page({ title: "Modification Register", body, description: "The Smart Energy Code Modification Register" });
}

function select(name: string, label: string, options: [value: string, text: string][], chosen: string): Html {
  return html`<label>${label} <select name="${name}"><option value="">Any</option>${options.map(
    ([value, shown]) => html`<option value="${value}"${value === chosen ? html` selected` : ""}>${shown}</option>`,
  )}</select></label>`;
}

function header(column: { key: SortKey; label: string }, query: RegisterQuery): Html {
  const active = query.sort === column.key;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  const params = new URLSearchParams();
  for (const name of ["q", "stage", "path", "proposer", "category", "release"] as const) if (query[name]) params.set(name, query[name]);
  if (query.late) params.set("late", "yes");
  params.set("sort", column.key);
  params.set("dir", dir);
  const ariaSort = active ? (query.dir === "asc" ? "ascending" : "descending") : "none";
  return html`<th scope="col" aria-sort="${ariaSort}"><a href="/register?${params.toString()}">${column.label}${active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}</a></th>`;
}
