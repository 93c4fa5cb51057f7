import type { View } from "@slack/types";
import type { AppContext } from "../../../appContext.ts";
import { buildChangeStatusReport } from "../../../report/build.ts";
import { reportSummaryBlocks } from "../../blocks/report.ts";
import { openFromHome } from "./openFromHome.ts";

// Home's "Change Status Report": the summary as at today, in a modal. The files (Markdown,
// HTML, chart) belong in a channel: /mod report there posts them.
export const homeReport = (ctx: AppContext) =>
  openFromHome(
    ctx,
    async (c) => {
      const report = await buildChangeStatusReport(c.prisma, c.today());
      const blocks = reportSummaryBlocks(report, { footnote: "`/mod report` in a channel posts it there with the full report and the chart." });
      const view: View = { type: "modal", title: { type: "plain_text", text: "Change Status Report" }, close: { type: "plain_text", text: "Close" }, blocks: blocks.slice(0, 100) as never };
      return { view };
    },
    "Change Status Report",
  );
