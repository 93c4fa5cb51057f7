// Text going into Slack mrkdwn: escaping what users typed, and mentioning people and groups.

/**
 * Slack mrkdwn treats &, < and > specially; titles, notes and party names come from users. This is
 * the one way what a person wrote goes into Slack, in mrkdwn and in a fallback `text` alike, so a
 * mention or link only ever comes from our own code (`mention`, `actorText`). (Slack: "Escaping
 * text", docs.slack.dev/messaging/formatting-message-text#escaping.)
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** What someone typed, echoed back in quotes: `"<!channel>" isn't …` can't ping anyone. */
export function quoted(text: string): string {
  return `"${escapeMrkdwn(text)}"`;
}

const SLACK_USER = /^[UW][A-Z0-9]+$/;

/** How a contact is mentioned: a user group (S…) or a user (U…/W…); anything else as written. */
export function mention(contact: string | null | undefined): string {
  if (!contact) return "";
  const id = contact.trim().replace(/^<[@!]?(?:subteam\^)?([A-Z0-9]+)(?:\|[^>]*)?>$/, "$1").replace(/^@/, "");
  if (/^S[A-Z0-9]+$/.test(id)) return `<!subteam^${id}>`;
  if (SLACK_USER.test(id)) return `<@${id}>`;
  return contact;
}

/** Who did something: a Slack user is mentioned, a body or party ("SEC Panel") is named. */
export function actorText(actor: string): string {
  return SLACK_USER.test(actor) ? `<@${actor}>` : escapeMrkdwn(actor);
}

/** A reference as a link to its register page when MODBOT_PUBLIC_URL is set, else as written. */
export function referenceLink(reference: string, publicUrl: string | undefined): string {
  return publicUrl ? `<${registerPageUrl(publicUrl, reference)}|${reference}>` : reference;
}

export function registerPageUrl(publicUrl: string, reference: string): string {
  return `${publicUrl}/register/${encodeURIComponent(reference)}`;
}
