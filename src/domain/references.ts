import { distance } from "fastest-levenshtein";

// References as people and the report's OCR write them. Draft Proposals are DP084; on conversion
// a proposal keeps its number (DP080 → MP080); older modifications are SECMP0053. Numbers are
// unique across all three series, so the number alone identifies a modification and the series
// is only what the user happened to type.

export type ReferenceSeries = "DP" | "MP" | "SECMP";

export interface ParsedReference {
  number: number;
  /** null when only a number was typed ("53"). */
  series: ReferenceSeries | null;
}

export interface ReferenceCandidate {
  reference: string;
  title: string;
  number: number;
}

/** A Modification Proposal (MPnnn, or the older SECMPnnnn), not a Draft Proposal: what the DCC assesses. */
export function isModificationProposal(series: ReferenceSeries): boolean {
  return series !== "DP";
}

const MAX_NUMBER = 9999;

function compact(input: string): string {
  return input.toUpperCase().replace(/[\s\-_#.,:;()'"\u2018\u2019\u201C\u201D]/g, "");
}

/**
 * The number and series of a typed reference: "secmp53", "MP053", "mp 53", "dp80", "53", and
 * the report's OCR misreadings "SECMPO0053", "DPO080", "MPQ76". null when it is not a reference.
 */
export function parseReference(input: string): ParsedReference | null {
  const match = /^(SECMP|MP|DP)?([0-9OQ]+)$/.exec(compact(input));
  if (!match) return null;
  const series = (match[1] ?? null) as ReferenceSeries | null;
  const typedDigits = match[2];
  // The OCR reads 0 as O or Q after a prefix; without one, "O" or "Q" is a word, not a number.
  if (!/[0-9]/.test(typedDigits) || (series === null && /[OQ]/.test(typedDigits))) return null;
  const digits = typedDigits.replace(/[OQ]/g, "0");
  // Four digits, plus one for the stray O the OCR inserts ("SECMPO0053").
  if (digits.length > 5) return null;
  const number = Number(digits);
  if (number < 1 || number > MAX_NUMBER) return null;
  return { number, series };
}

/** DP084, MP079, SECMP0053: the reference as the report writes it. */
export function formatReference(series: ReferenceSeries, number: number): string {
  if (!Number.isInteger(number) || number < 1 || number > MAX_NUMBER) {
    throw new RangeError(`${number} is not a modification number`);
  }
  return `${series}${String(number).padStart(series === "SECMP" ? 4 : 3, "0")}`;
}

// Drafts are one family; MP and the older SECMP are both Modification Proposals.
function familyOf(series: ReferenceSeries): "draft" | "modification" {
  return series === "DP" ? "draft" : "modification";
}

function compareRankKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The candidates nearest to what was typed, best first, for "Did you mean …". With a number:
 * the same number, then the same family as typed (someone typing MP999 is thinking of an MP),
 * then numeric closeness. Without one: edit distance between the references.
 */
export function closestReferences<T extends ReferenceCandidate>(input: string, candidates: readonly T[], limit = 3): T[] {
  const parsed = parseReference(input);
  const typed = compact(input);
  const rankKeysOf = (candidate: T): number[] => {
    const editDistance = distance(typed, compact(candidate.reference));
    if (!parsed) return [editDistance, candidate.number];
    const candidateSeries = parseReference(candidate.reference)?.series ?? null;
    const sameFamily = !parsed.series || !candidateSeries || familyOf(parsed.series) === familyOf(candidateSeries);
    return [
      candidate.number === parsed.number ? 0 : 1,
      sameFamily ? 0 : 1,
      Math.abs(candidate.number - parsed.number),
      editDistance,
      candidate.number,
    ];
  };
  return candidates
    .map((candidate) => ({ candidate, keys: rankKeysOf(candidate) }))
    .sort((a, b) => compareRankKeys(a.keys, b.keys))
    .slice(0, Math.max(0, limit))
    .map(({ candidate }) => candidate);
}
