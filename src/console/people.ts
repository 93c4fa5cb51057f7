import { consoleUserId } from "./consoleOptions.ts";

// Who is in the console. In Slack, typing "@Ana" and picking someone from the list puts
// <@U123|ana> in the command text; the console has no list to pick from, so it does the same
// for any @Name typed: the session's own user answers to @you and @me, everyone else is a
// console person UCONSOLE<NAME> (the id `--user NAME` gives them), known from earlier sessions
// or new from now on.

export interface Person {
  id: string;
  name: string;
}

export interface People {
  /** The person a typed name or id stands for; undefined when it can't be a person. */
  find(typed: string): Person | undefined;
  /** Looks the name up, or adds them as a new console person. */
  resolve(typed: string): { person: Person; isNew: boolean } | undefined;
  nameOf(id: string): string | undefined;
  all(): Person[];
  add(person: Person): void;
}

const SELF = new Set(["you", "me", "myself"]);
const SLACK_ID = /^[UW][A-Z0-9]{5,}$/;

export function createPeople(self: () => Person, known: readonly Person[]): People {
  const byId = new Map<string, Person>(known.map((p) => [p.id, p]));
  const add = (person: Person) => void byId.set(person.id, person);
  add(self());
  const find = (typed: string): Person | undefined => {
    const word = typed.trim().replace(/^@/, "");
    if (!word) return undefined;
    if (SELF.has(word.toLowerCase())) return self();
    if (SLACK_ID.test(word)) return byId.get(word) ?? { id: word, name: word };
    return byId.get(consoleUserId(word)) ?? [...byId.values()].find((p) => p.name.toLowerCase() === word.toLowerCase());
  };
  return {
    find,
    resolve(typed) {
      const found = find(typed);
      if (found) return { person: found, isNew: false };
      const name = typed.trim().replace(/^@/, "");
      if (!/[A-Za-z0-9]/.test(name)) return undefined;
      const person = { id: consoleUserId(name), name };
      add(person);
      return { person, isNew: true };
    },
    nameOf: (id) => byId.get(id)?.name,
    all: () => [...byId.values()],
    add,
  };
}

/**
 * Command text as Slack would send it after the person picked each @mention from the list:
 * `@Analyst`, `@you`, `@UCONSOLEANALYST` and `<@UCONSOLEANALYST>` all become
 * `<@UCONSOLEANALYST|Analyst>`. Email addresses and text in quotes are left alone.
 */
export function withMentions(text: string, people: People): { text: string; added: Person[] } {
  const added: Person[] = [];
  const parts = text.split(/("[^"]*"|\u201C[^\u201D]*\u201D)/);
  const rewritten = parts.map((part, i) => {
    if (i % 2 === 1) return part;
    return part
      .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (whole, id: string) => {
        const person = people.find(id);
        return person ? `<@${person.id}|${person.name}>` : whole;
      })
      .replace(/(^|[\s(,])@([A-Za-z0-9][A-Za-z0-9._-]*)/g, (whole, before: string, name: string) => {
        const resolved = people.resolve(name.replace(/[.,]+$/, ""));
        if (!resolved) return whole;
        if (resolved.isNew) added.push(resolved.person);
        const trailing = name.match(/[.,]+$/)?.[0] ?? "";
        return `${before}<@${resolved.person.id}|${resolved.person.name}>${trailing}`;
      });
  });
  return { text: rewritten.join(""), added };
}
