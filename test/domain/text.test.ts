import { describe, expect, it } from "vitest";
import { pluralise } from "../../src/domain/text.ts";

describe("pluralise", () => {
  it("uses the singular for one only", () => {
    expect(pluralise(1, "working day")).toBe("1 working day");
    expect(pluralise(2, "working day")).toBe("2 working days");
    expect(pluralise(0, "working day")).toBe("0 working days");
    expect(pluralise(-1, "working day")).toBe("-1 working day");
  });

  it("takes an irregular plural", () => {
    expect(pluralise(3, "Working Group meeting")).toBe("3 Working Group meetings");
    expect(pluralise(2, "party", "parties")).toBe("2 parties");
    expect(pluralise(1, "party", "parties")).toBe("1 party");
  });
});
