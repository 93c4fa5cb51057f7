// Small wording helpers shared by messages, so "1 working day" is never "1 working days".

/** "1 working day", "2 working days", "0 working days"; pass `plural` when adding "s" is wrong. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${Math.abs(count) === 1 ? singular : plural}`;
}
