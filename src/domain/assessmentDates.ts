// The order an assessment's dates must come in: requested, then accepted, then delivered.
// Shared by the DCC modal and the CSV import so both refuse the same impossible orderings.

export interface AssessmentDates {
  requestReceivedOn?: Date | null;
  acceptedOn?: Date | null;
  deliveredOn?: Date | null;
  targetDate?: Date | null;
}

export type AssessmentDateField = keyof AssessmentDates;

/** Each impossible ordering, on the later field, in words a user can act on. */
export function assessmentDateProblems(dates: AssessmentDates): { field: AssessmentDateField; message: string }[] {
  const problems: { field: AssessmentDateField; message: string }[] = [];
  const { requestReceivedOn, acceptedOn, deliveredOn, targetDate } = dates;
  if (requestReceivedOn && acceptedOn && acceptedOn < requestReceivedOn) {
    problems.push({ field: "acceptedOn", message: "The request can't be accepted before it was received." });
  }
  if (acceptedOn && deliveredOn && deliveredOn < acceptedOn) {
    problems.push({ field: "deliveredOn", message: "The assessment can't be delivered before the request was accepted." });
  }
  if (!acceptedOn && deliveredOn && requestReceivedOn && deliveredOn < requestReceivedOn) {
    problems.push({ field: "deliveredOn", message: "The assessment can't be delivered before it was requested." });
  }
  if (acceptedOn && targetDate && targetDate < acceptedOn) {
    problems.push({ field: "targetDate", message: "The target date can't be before the request was accepted." });
  }
  return problems;
}
