import { describe, expect, it } from "vitest";
import { closestReferences, formatReference, parseReference } from "../../src/domain/references.ts";

// The references and titles in the October 2019 report.
const REPORT_MODIFICATIONS = [
  { reference: "SECMP0007", number: 7, title: "Firmware updates to IHDs and PPMIDs" },
  { reference: "SECMP0024", number: 24, title: "Enduring Approach to Communication Hub Firmware Management" },
  { reference: "SECMP0046", number: 46, title: "Allow DNOs to control Electric Vehicle chargers connected to Smart Meter infrastructure" },
  { reference: "SECMP0053", number: 53, title: "Amend Target Response Times for Service Requests Critical to Installation and Commissioning Processes" },
  { reference: "SECMP0062", number: 62, title: "Northbound Application Traffic Management — Alert Storm Protection" },
  { reference: "SECMP0069", number: 69, title: "EU Exit Changes" },
  { reference: "MP071", number: 71, title: "Second-Comer Charging" },
  { reference: "MP073", number: 73, title: "Alteration of SMKI Repository information and documentation" },
  { reference: "MP074", number: 74, title: "Clarity on Obtaining SMKI Device Certificates" },
  { reference: "MP076", number: 76, title: "Pursuing Non-Payment in Events of Default" },
  { reference: "MP079", number: 79, title: "Provisions for withdrawing modifications" },
  { reference: "DP080", number: 80, title: "Ensuring a managed move to DUIS version 3.1" },
  { reference: "DP081", number: 81, title: "Alignment of DUIS and CHISM to reflect current DCC Processing" },
  { reference: "DP083", number: 83, title: "Change Coordination" },
  { reference: "DP084", number: 84, title: "Other User Panel Seating Amendment" },
  { reference: "DP085", number: 85, title: "Synchronisation of smart meter voltage measurement periods" },
  { reference: "DP086", number: 86, title: "Alt HAN Roll-Out Financing" },
  { reference: "DP087", number: 87, title: "Correction to SEC Section G - User Responsibilities" },
];

const referencesOf = (candidates: { reference: string }[]) => candidates.map((c) => c.reference);

describe("parseReference", () => {
  it.each([
    ["secmp53", 53, "SECMP"],
    ["SECMP0053", 53, "SECMP"],
    ["mp53", 53, "MP"],
    ["MP053", 53, "MP"],
    ["mp 53", 53, "MP"],
    ["dp80", 80, "DP"],
    ["DP084", 84, "DP"],
    ["SEC-MP-0053", 53, "SECMP"],
    ["  MP079  ", 79, "MP"],
    ["(MP079)", 79, "MP"],
    ["#53", 53, null],
    ["53", 53, null],
    ["0053", 53, null],
    ["9999", 9999, null],
  ] as const)("reads %j as number %i, series %s", (input, number, series) => {
    expect(parseReference(input)).toEqual({ number, series });
  });

  it.each([
    ["SECMPO0053", 53, "SECMP"],
    ["SECMPO053", 53, "SECMP"],
    ["SECMPO0067", 67, "SECMP"],
    ["DPO080", 80, "DP"],
    ["MPO079", 79, "MP"],
    ["MPO74", 74, "MP"],
    ["MPQ76", 76, "MP"],
  ] as const)("reads the OCR's %j as number %i, series %s", (input, number, series) => {
    expect(parseReference(input)).toEqual({ number, series });
  });

  it.each(["hello", "MP", "SECMP", "", "   ", "SECMP00530000", "DP12345", "MP10000", "0", "MP0", "SECMP0000", "MPOO", "O53", "Q", "53a", "mp-53-b", "MP-5.3e2"])(
    "is null for %j",
    (input) => {
      expect(parseReference(input)).toBeNull();
    },
  );
});

describe("formatReference", () => {
  it("pads as the report does", () => {
    expect(formatReference("DP", 84)).toBe("DP084");
    expect(formatReference("MP", 79)).toBe("MP079");
    expect(formatReference("SECMP", 53)).toBe("SECMP0053");
    expect(formatReference("SECMP", 7)).toBe("SECMP0007");
    expect(formatReference("MP", 1234)).toBe("MP1234");
  });

  it("round-trips through parseReference", () => {
    for (const series of ["DP", "MP", "SECMP"] as const) {
      expect(parseReference(formatReference(series, 87))).toEqual({ number: 87, series });
    }
  });

  it("refuses numbers that are not modification numbers", () => {
    expect(() => formatReference("MP", 0)).toThrow(RangeError);
    expect(() => formatReference("MP", 10_000)).toThrow(RangeError);
    expect(() => formatReference("DP", 8.5)).toThrow(RangeError);
  });
});

describe("closestReferences", () => {
  it("suggests the nearest modifications of the series typed (MP999 → MP079, MP076)", () => {
    expect(referencesOf(closestReferences("MP999", REPORT_MODIFICATIONS, 2))).toEqual(["MP079", "MP076"]);
    expect(referencesOf(closestReferences("MP999", REPORT_MODIFICATIONS))).toEqual(["MP079", "MP076", "MP074"]);
  });

  it("counts SECMP and MP as one family and drafts as another", () => {
    expect(referencesOf(closestReferences("mp60", REPORT_MODIFICATIONS))).toEqual(["SECMP0062", "SECMP0053", "SECMP0069"]);
    expect(referencesOf(closestReferences("DP90", REPORT_MODIFICATIONS))).toEqual(["DP087", "DP086", "DP085"]);
    expect(referencesOf(closestReferences("DP78", REPORT_MODIFICATIONS, 2))).toEqual(["DP080", "DP081"]);
  });

  it("ranks by numeric closeness alone when only a number was typed", () => {
    expect(referencesOf(closestReferences("82", REPORT_MODIFICATIONS, 4))).toEqual(["DP081", "DP083", "DP080", "DP084"]);
    expect(referencesOf(closestReferences("25", REPORT_MODIFICATIONS, 2))).toEqual(["SECMP0024", "SECMP0007"]);
  });

  it("puts the same number first, whatever the series", () => {
    expect(referencesOf(closestReferences("MP080", REPORT_MODIFICATIONS, 1))).toEqual(["DP080"]);
  });

  it("falls back to edit distance when no number can be read", () => {
    expect(referencesOf(closestReferences("MR079", REPORT_MODIFICATIONS, 2))).toEqual(["MP079", "MP071"]);
    expect(referencesOf(closestReferences("SECNP0053", REPORT_MODIFICATIONS, 1))).toEqual(["SECMP0053"]);
    expect(referencesOf(closestReferences("dp-O8x", REPORT_MODIFICATIONS, 1))).toEqual(["DP080"]);
  });

  it("returns the candidates themselves, and nothing for limit 0 or no candidates", () => {
    const [first] = closestReferences("MP999", REPORT_MODIFICATIONS, 1);
    expect(first).toBe(REPORT_MODIFICATIONS[10]);
    expect(closestReferences("MP999", REPORT_MODIFICATIONS, 0)).toEqual([]);
    expect(closestReferences("MP999", [], 3)).toEqual([]);
  });

  it("does not reorder the caller's array", () => {
    const candidates = [...REPORT_MODIFICATIONS];
    closestReferences("DP90", candidates);
    expect(candidates).toEqual(REPORT_MODIFICATIONS);
  });
});
