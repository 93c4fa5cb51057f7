import { getRequestListener } from "@hono/node-server";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Hono, type Context } from "hono";
import { etag } from "hono/etag";
import type { AppContext } from "../appContext.ts";
import { isLoopback } from "../observability/metrics.ts";
import { STYLESHEET } from "./html.ts";
import { modificationPage } from "./modificationPage.ts";
import { loadModificationPage, loadRegisterRows } from "./registerData.ts";
import { readRegisterQuery, registerPage } from "./registerPage.ts";
import { formatReference, parseReference } from "../domain/references.ts";
import { html, page } from "./html.ts";
import { calendarOf } from "./calendar.ts";
import { registerCsv } from "./registerCsv.ts";
import { reportFile, reportsPage } from "./reportsPage.ts";

// The public Modification Register, served on the bot's own port (HTTP and Socket Mode alike,
// as Bolt custom routes) and routed by Hono. Loopback callers only unless MODBOT_PUBLISH_REGISTER
// publishes it.

export interface WebOptions {
  /** MODBOT_PUBLISH_REGISTER: anyone who reaches the port may read the pages. */
  publish?: boolean;
  /** MODBOT_PUBLIC_URL: where the pages are reached from outside, without a trailing slash. */
  publicUrl?: string;
}

export interface WebRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  // No script anywhere: nothing inline, nothing from elsewhere.
  "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

export function webApp(ctx: AppContext, options: WebOptions = {}): Hono {
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });
  app.use("*", etag());
  app.use("*", async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-cache");
  });

  app.get("/assets/register.css", (c) => {
    c.header("cache-control", "public, max-age=3600");
    return c.body(STYLESHEET, 200, { "content-type": "text/css; charset=utf-8" });
  });

  // Browsers ask for it on every page; there is none, and a 404 would be logged as an error.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));

  app.get("/register", async (c) => {
    const params = new URL(c.req.url).searchParams;
    const query = readRegisterQuery(params);
    // Rendered once per view while the register is unchanged (the cache forgets on any change).
    const body = await ctx.cache.remember(`web:page:${ctx.today().toISOString()}:${JSON.stringify(query)}`, async () =>
      registerPage(await loadRegisterRows(ctx), query, ctx.today()),
    );
    return htmlResponse(c, body);
  });

  app.get("/register.csv", async (c) => {
    const csv = await registerCsv(ctx);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="modification-register.csv"`,
    });
  });

  app.get("/calendar.ics", async (c) => {
    const ics = await calendarOf(ctx, { publicUrl: options.publicUrl });
    return c.body(ics, 200, { "content-type": "text/calendar; charset=utf-8", "content-disposition": `inline; filename="modbot.ics"` });
  });

  app.get("/reports", (c) => htmlResponse(c, reportsPage(ctx.today())));

  app.get("/reports/:file", async (c) => {
    const file = await reportFile(ctx, c.req.param("file"));
    if (!file) return htmlResponse(c, page({ title: "Not found", body: html`<h1>Not found</h1><p>No such report. <a href="/reports">The reports</a></p>` }), 404);
    // A past month's report changes only when the register's history does; clients revalidate by ETag.
    return c.body(typeof file.content === "string" ? file.content : new Uint8Array(file.content), 200, {
      "content-type": file.type,
      // The report's HTML carries its own stylesheet inline (it travels as one file); still no script.
      ...(file.type.startsWith("text/html") ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'" } : {}),
      "content-disposition": `${file.type.startsWith("text/html") || file.type === "application/pdf" ? "inline" : "attachment"}; filename="${file.filename}"`,
    });
  });

  app.get("/register/:ref", async (c) => {
    const typed = c.req.param("ref");
    const found = await loadModificationPage(ctx, typed);
    if (found.kind !== "found") {
      const parsed = parseReference(typed);
      const what = parsed?.series ? formatReference(parsed.series, parsed.number) : typed;
      return htmlResponse(
        c,
        page({ title: "Not found", body: html`<h1>Not found</h1><p>There is no modification ${what} in the register.</p><p><a href="/register">Back to the register</a></p>` }),
        404,
      );
    }
    // Every spelling (secmp53, mp53, DP080 after conversion) redirects to the one address.
    if (typed !== found.mod.reference) return c.redirect(`/register/${encodeURIComponent(found.mod.reference)}`, 301);
    const today = ctx.today();
    return htmlResponse(c, await ctx.cache.remember(`web:modpage:${today.toISOString()}:${found.mod.number}`, async () => modificationPage(found.mod, today)));
  });

  app.notFound((c) => htmlResponse(c, page({ title: "Not found", body: html`<h1>Not found</h1><p><a href="/register">The Modification Register</a></p>` }), 404));
  app.onError((error, c) => {
    console.error(error);
    return htmlResponse(c, page({ title: "Something went wrong", body: html`<h1>Something went wrong</h1><p>The register could not be read just now; try again shortly.</p>` }), 500);
  });
  return app;
}

function htmlResponse(c: Context, body: string, status: 200 | 404 | 500 = 200): Response {
  return c.body(body, status, { "content-type": "text/html; charset=utf-8" });
}

export const webPaths = ["/register", "/register.csv", "/register/:ref", "/calendar.ics", "/reports", "/reports/:file", "/assets/register.css", "/favicon.ico"] as const;

/** The pages as Bolt custom routes: the same server, port and shutdown as /slack/events. */
export function registerWebRoutes(ctx: AppContext, options: WebOptions = {}): WebRoute[] {
  const listener = getRequestListener(webApp(ctx, options).fetch);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!options.publish && !isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
      res.end("The Modification Register is served to this machine only; set MODBOT_PUBLISH_REGISTER=yes to publish it.\n");
      return;
    }
    return listener(req, res);
  };
  return webPaths.map((path) => ({ path, method: ["GET", "HEAD"], handler }));
}
