import type { RegisterFile } from "../../src/data/register/registerFile.ts";
import { registerFile } from "../../src/data/register/registerFile.ts";

/** A small register with known answers, taken from the seed report's own rows. */
export function smallRegister(): RegisterFile {
  return registerFile.parse({
    asOf: "2019-10-04",
    parties: [
      { name: "Energy Savings Trust", category: "OTHER_SEC_PARTY" },
      { name: "Northern Powergrid", category: "ELECTRICITY_NETWORK" },
    ],
    releases: [
      {
        name: "November 2019 SEC Release",
        kind: "SCHEDULED",
        plannedDate: "2019-11-07",
        revisionRequests: [{ requestedOn: "2019-10-01", requestedDate: "2019-11-24", status: "PENDING" }],
      },
    ],
    changeBoardMeetings: [
      { heldOn: "2019-09-18", votes: [{ modification: "MP076", outcome: "APPROVE", effect: "RECOMMENDATION" }] },
    ],
    modifications: [
      {
        reference: "SECMP0053",
        title: "Amend Target Response Times for Service Requests Critical to Installation and Commissioning Processes",
        status: "REPORT_PRESENTED",
        path: "AUTHORITY_DETERMINED",
        consultations: [{ kind: "MODIFICATION_REPORT", status: "EXPECTED", expectedWeekCommencing: "2019-10-14", openWorkingDays: 15 }],
        assessments: [
          { type: "PA", acceptedOn: "2019-02-11", targetDurationWd: 15, deliveredOn: "2019-05-02", status: "DELIVERED" },
          { type: "IA", acceptedOn: "2019-08-05", targetDurationWd: 40, targetDate: "2019-09-20", deliveredOn: "2019-09-20", status: "DELIVERED" },
        ],
      },
      {
        reference: "SECMP0024",
        title: "Enduring Approach to Communication Hub Firmware Management",
        status: "IN_REFINEMENT",
        assessments: [{ type: "PA", acceptedOn: "2019-05-29", targetDurationWd: 15, status: "IN_PROGRESS" }],
      },
      {
        reference: "MP076",
        title: "Pursuing Non-Payment in Events of Default",
        status: "AWAITING_AUTHORITY",
        path: "AUTHORITY_DETERMINED",
      },
      { reference: "MP079", title: "Provisions for withdrawing modifications", status: "IN_REFINEMENT" },
      {
        reference: "MP080",
        title: "Ensuring a managed move to DUIS version 3.1",
        status: "IN_REFINEMENT",
      },
      {
        reference: "DP084",
        title: "Other User Panel Seating Amendment",
        status: "DRAFT_RAISED",
        raisedBy: "Energy Savings Trust",
        raisedOn: "2019-09-10",
        history: [{ status: "DRAFT_RAISED", event: "Raised", on: "2019-09-10", actor: "Energy Savings Trust" }],
      },
      {
        reference: "SECMP0025",
        title: "Electricity Network Party Access to Load Switching Information",
        status: "APPROVED",
        release: "November 2019 SEC Release",
      },
    ],
  });
}
