// The party categories of the SEC: who raises modifications, and the categories in which the
// Change Board votes.

export const partyCategories = [
  "LARGE_SUPPLIER",
  "SMALL_SUPPLIER",
  "ELECTRICITY_NETWORK",
  "GAS_NETWORK",
  "OTHER_SEC_PARTY",
  "DCC",
  "PANEL_OR_COMMITTEE",
] as const;
export type PartyCategory = (typeof partyCategories)[number];

export const categoryLabels: Record<PartyCategory, string> = {
  LARGE_SUPPLIER: "Large Supplier",
  SMALL_SUPPLIER: "Small Supplier",
  ELECTRICITY_NETWORK: "Electricity Network",
  GAS_NETWORK: "Gas Network",
  OTHER_SEC_PARTY: "Other SEC Party",
  DCC: "DCC",
  PANEL_OR_COMMITTEE: "Panel/committee",
};

/** The category a typed name means ("large supplier", "Large Supplier", "LARGE_SUPPLIER"), or null. */
export function parseCategory(typed: string): PartyCategory | null {
  const wanted = typed.trim().replace(/^["\u201C\u201D']|["\u201C\u201D']$/g, "").toLowerCase().replace(/[\s_-]+/g, " ");
  for (const category of partyCategories) {
    if (categoryLabels[category].toLowerCase() === wanted || category.toLowerCase().replaceAll("_", " ") === wanted) return category;
  }
  if (wanted === "panel" || wanted === "committee" || wanted === "panel or committee") return "PANEL_OR_COMMITTEE";
  if (wanted === "other" || wanted === "other sec parties") return "OTHER_SEC_PARTY";
  return null;
}

/**
 * The SEC Panel itself, as a raising party: in the Panel/committee category and named the
 * Panel ("SEC Panel", "Panel"), not one of its sub-committees.
 */
export function isTheSecPanel(party: { name: string; category: PartyCategory }): boolean {
  return party.category === "PANEL_OR_COMMITTEE" && /^(the\s+)?(sec\s+)?panel$/i.test(party.name.trim());
}
