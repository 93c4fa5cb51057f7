import { z } from "zod";
import { checkRole, grantRole, listRoles, revokeRole, roleNames, type Role } from "../src/data/roles.ts";
import { categoryLabels, parseCategory, type PartyCategory } from "../src/domain/parties.ts";
import { isVotingGroup, votingGroupList } from "../src/domain/voting.ts";
import { defineSubcommand, type CommandReply } from "./types.ts";

// Role management for administrators: who may raise and move proposals, log DCC dates, vote.

const usage = `/mod admin role @user ROLE ["Category"]  |  /mod admin revoke @user ROLE  |  /mod admin roles`;
const ROLE_WORDS = new Map<string, Role>(Object.entries({
  admin: "ADMIN",
  administrator: "ADMIN",
  "change-board": "CHANGE_BOARD",
  changeboard: "CHANGE_BOARD",
  cb: "CHANGE_BOARD",
  dcc: "DCC",
  viewer: "VIEWER",
} satisfies Record<string, Role>));
const roleList = "admin, change-board, dcc, viewer";

type AdminArgs =
  | { kind: "list" }
  | { kind: "grant"; userId: string; role: Role; category: PartyCategory | null }
  | { kind: "revoke"; userId: string; role: Role };

// Slack escapes a picked user as <@U123|name>; a typed "@name" arrives as text and can't be resolved.
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$/;

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER as never;
}

export const adminArgs = z.string().trim().transform((text, ctx): AdminArgs => {
  const [verb = "", who = "", roleWord = "", ...rest] = text.split(/\s+/);
  if (!verb || verb === "help") return fail(ctx, `Usage: ${usage}\nRoles: ${roleList}.`);
  if (verb === "roles" || verb === "list") return { kind: "list" };
  if (verb !== "role" && verb !== "grant" && verb !== "revoke") return fail(ctx, `"${verb}" isn't an admin command. Usage: ${usage}`);
  const mention = MENTION.exec(who);
  if (!mention) return fail(ctx, `"${who || "(nobody)"}" isn't a Slack user I can use: pick them from the @ autocomplete, e.g. /mod admin role @alex dcc.`);
  const role = ROLE_WORDS.get(roleWord.toLowerCase());
  if (!role) return fail(ctx, `"${roleWord || "(none)"}" isn't a role. Roles: ${roleList}.`);
  const userId = mention[1] ?? mention[2]!;
  if (verb === "revoke") return { kind: "revoke", userId, role };
  const categoryText = rest.join(" ");
  if (role !== "CHANGE_BOARD") {
    if (categoryText) return fail(ctx, `Only the Change Board role has a category; leave out "${categoryText}".`);
    return { kind: "grant", userId, role, category: null };
  }
  const category = parseCategory(categoryText);
  const groups = `The Change Board votes in five groups: ${votingGroupList()}.`;
  if (!category) {
    // Typed in quotes ("Big Supplier"), shown in one pair of them.
    const shown = categoryText.replace(/^["\u201C]+|["\u201D]+$/g, "");
    return fail(ctx, `${shown ? `"${shown}" isn't a Change Board voting group.` : "Which voting group does this member vote for?"} ${groups}`);
  }
  if (!isVotingGroup(category)) {
    return fail(ctx, `${categoryLabels[category]} isn't a Change Board voting group, so it can't have a Change Board role. ${groups}`);
  }
  return { kind: "grant", userId, role, category };
});

export default defineSubcommand({
  name: "admin",
  usage,
  summary: "Administrators: give or take away roles (admin, change-board with its category, dcc, viewer), list who has them",
  examples: [`/mod admin role @alex change-board "Large Supplier"`, "/mod admin role @sam dcc", "/mod admin revoke @sam dcc", "/mod admin roles"],
  args: adminArgs,
  async run(args, ctx, invocation): Promise<CommandReply> {
    const allowed = await checkRole(ctx, invocation.userId, "ADMIN", "Managing roles");
    if (!allowed.ok) return { text: allowed.message };
    if (args.kind === "list") {
      const { granted, initialAdmins } = await listRoles(ctx);
      const lines = granted.map((r) => `• <@${r.userId}> · ${roleNames[r.role]}${r.category ? ` (${categoryLabels[r.category]})` : ""}`);
      if (initialAdmins.length) lines.push(`• Administrators from MODBOT_ADMINS: ${initialAdmins.map((id) => `<@${id}>`).join(", ")}`);
      return { text: lines.length ? `*Roles*\n${lines.join("\n")}` : "Nobody has a role yet." };
    }
    if (args.kind === "revoke") {
      const removed = await revokeRole(ctx, { userId: args.userId, role: args.role, revokedBy: invocation.userId, keepAnAdministrator: true });
      if (removed === "last administrator") {
        const who = args.userId === invocation.userId ? "You are" : `<@${args.userId}> is`;
        return { text: `Nothing changed: ${who} the last administrator, and without one nobody could grant or take away roles. Make someone else an administrator first (/mod admin role @name admin), or name one in MODBOT_ADMINS.` };
      }
      const note = args.role === "ADMIN" && ctx.initialAdmins.includes(args.userId) ? " They stay an administrator through MODBOT_ADMINS." : "";
      return { text: removed ? `<@${args.userId}> no longer has the ${roleNames[args.role]} role.${note}` : `<@${args.userId}> didn't have the ${roleNames[args.role]} role; nothing changed.` };
    }
    await grantRole(ctx, { userId: args.userId, role: args.role, category: args.category, grantedBy: invocation.userId });
    const category = args.category ? `, voting for ${categoryLabels[args.category]}` : "";
    return { text: `<@${args.userId}> now has the ${roleNames[args.role]} role${category}.` };
  },
});
