import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { AppContext } from "../../../appContext.ts";
import { LOGGING_DCC } from "../../../../commands/dcc.ts";
import { saveAssessment } from "../../../data/assessments.ts";
import { checkRole } from "../../../data/roles.ts";
import { assessmentEntryProblems } from "../../../domain/assessmentEntry.ts";
import { formatReportDate } from "../../../domain/calendarDate.ts";
import { dccFields, dccFormSchema, type DccMetadata } from "../../blocks/dccModal.ts";
import { decodeMetadata, doneModal, parseForm, readViewState } from "../../blocks/forms.ts";
import { fieldErrors, refusedAck, refusedForRole, submissionKey } from "./submission.ts";

const TITLE = "Log DCC dates";

export function dccSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const meta = decodeMetadata<DccMetadata>(view.private_metadata);
    if (!meta.modificationId || !meta.type || !meta.reference) return void (await ack(refusedForRole("This form is out of date; open it again with /mod dcc REF.", TITLE)));
    const form = parseForm(dccFormSchema(meta.type, ctx.today()), readViewState(view.state.values as never));
    if (!form.ok) return void (await ack(fieldErrors(form.errors)));
    const modification = await ctx.prisma.modification.findUnique({ where: { id: meta.modificationId }, select: { raisedOn: true, reference: true } });
    if (!modification) return void (await ack(refusedForRole(`${meta.reference} no longer exists.`, TITLE)));
    const problems = assessmentEntryProblems(form.data, { today: ctx.today(), raisedOn: modification.raisedOn, reference: modification.reference });
    if (problems.length) return void (await ack(fieldErrors(Object.fromEntries(problems.map((p) => [dccFields[p.field], p.message])))));
    const allowed = await checkRole(ctx, body.user.id, "DCC", LOGGING_DCC);
    if (!allowed.ok) return void (await ack(refusedForRole(allowed.message, TITLE)));
    try {
      const saved = await saveAssessment(
        ctx,
        { modificationId: meta.modificationId, entry: form.data, expectedVersion: meta.version ?? null },
        { userId: body.user.id, key: submissionKey(view) },
      );
      const target = saved.result?.targetDate ? ` Target ${formatReportDate(new Date(`${saved.result.targetDate}T00:00:00Z`))}.` : "";
      const revised = saved.result?.targetRevised ? " The previous target is kept in the history." : "";
      await ack({ response_action: "update", view: doneModal(TITLE, [`Saved ${modification.reference}'s ${meta.type}.${target}${revised}`]) });
    } catch (error) {
      await ack(refusedAck(error, dccFields.acceptedOn, TITLE, logger));
    }
  };
}
