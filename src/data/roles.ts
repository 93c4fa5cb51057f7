import type { AppContext } from "../appContext.ts";
import { categoryLabels } from "../domain/parties.ts";
import { isVotingGroup } from "../domain/voting.ts";
import type { PartyCategory, Role } from "./generated/prisma/client.ts";

// Who may do what. Administrators (the code administrator's team) manage roles and
// subscriptions; Change Board members vote for their party category; DCC users log assessment
// dates; viewers only read. The first administrators come from MODBOT_ADMINS.

export type { Role, PartyCategory };

export const roleNames: Record<Role, string> = {
  ADMIN: "administrator",
  CHANGE_BOARD: "Change Board",
  DCC: "DCC",
  VIEWER: "viewer",
};

export interface UserRoles {
  isAdmin: boolean;
  roles: { role: Role; category: PartyCategory | null }[];
}

export async function rolesOf(ctx: AppContext, userId: string): Promise<UserRoles> {
  const roles = await ctx.prisma.userRole.findMany({ where: { userId }, select: { role: true, category: true } });
  return { isAdmin: ctx.initialAdmins.includes(userId) || roles.some((r) => r.role === "ADMIN"), roles };
}

export type Permission = { ok: true; category: PartyCategory | null } | { ok: false; message: string };

/**
 * Whether the user holds `role` (administrators may do everything an administrator may grant,
 * except cast a Change Board category's vote, which needs the Change Board role itself).
 */
export async function checkRole(ctx: AppContext, userId: string, role: Role, doing: string): Promise<Permission> {
  const { isAdmin, roles } = await rolesOf(ctx, userId);
  const held = roles.find((r) => r.role === role);
  if (held) return { ok: true, category: held.category };
  if (isAdmin && role !== "CHANGE_BOARD") return { ok: true, category: null };
  const how =
    role === "CHANGE_BOARD"
      ? `/mod admin role @you change-board "Large Supplier"`
      : `/mod admin role @you ${role === "ADMIN" ? "admin" : role.toLowerCase()}`;
  return {
    ok: false,
    message: `${doing} needs the ${roleNames[role]} role. An administrator can add you with ${how}.`,
  };
}

export async function grantRole(
  ctx: AppContext,
  args: { userId: string; role: Role; category?: PartyCategory | null; grantedBy: string },
): Promise<void> {
  // The Change Board votes in its voting groups only; DCC and Panel/committee are not among them.
  if (args.role === "CHANGE_BOARD" && (!args.category || !isVotingGroup(args.category))) {
    throw new RangeError(`A Change Board role needs a voting group, not ${args.category ? categoryLabels[args.category] : "none"}`);
  }
  await ctx.prisma.$transaction(async (tx) => {
    await tx.slackUser.upsert({ where: { id: args.userId }, create: { id: args.userId }, update: {} });
    await tx.userRole.upsert({
      where: { userId_role: { userId: args.userId, role: args.role } },
      create: { userId: args.userId, role: args.role, category: args.category ?? null, grantedBy: args.grantedBy },
      update: { category: args.category ?? null, grantedBy: args.grantedBy, grantedAt: ctx.now() },
    });
    await tx.auditEntry.create({
      data: {
        entity: "user_role",
        entityId: args.userId,
        action: "granted",
        after: { role: args.role, category: args.category ?? null },
        actor: args.grantedBy,
      },
    });
  });
}

/**
 * Takes a role away. `keepAnAdministrator`: refuses (returns "last administrator") to remove the
 * last administrator when MODBOT_ADMINS names none, since nobody could grant roles after it.
 */
export async function revokeRole(
  ctx: AppContext,
  args: { userId: string; role: Role; revokedBy: string; keepAnAdministrator?: boolean },
): Promise<boolean | "last administrator"> {
  return ctx.prisma.$transaction(async (tx) => {
    if (args.keepAnAdministrator && args.role === "ADMIN" && ctx.initialAdmins.length === 0) {
      const others = await tx.userRole.count({ where: { role: "ADMIN", userId: { not: args.userId } } });
      const holds = await tx.userRole.count({ where: { role: "ADMIN", userId: args.userId } });
      if (holds > 0 && others === 0) return "last administrator";
    }
    const { count } = await tx.userRole.deleteMany({ where: { userId: args.userId, role: args.role } });
    if (count) {
      await tx.auditEntry.create({
        data: { entity: "user_role", entityId: args.userId, action: "revoked", before: { role: args.role }, actor: args.revokedBy },
      });
    }
    return count > 0;
  });
}

/** Everyone holding a role, by role then user, and the administrators from MODBOT_ADMINS. */
export async function listRoles(ctx: AppContext) {
  const granted = await ctx.prisma.userRole.findMany({ orderBy: [{ role: "asc" }, { userId: "asc" }] });
  return { granted, initialAdmins: ctx.initialAdmins };
}
