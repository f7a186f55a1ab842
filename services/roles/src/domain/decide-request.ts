import { Catalog, rolesOfCategory } from './catalog';
import { GuildRoleModel } from './guild-roles';
import { DesiredChange, MemberView, RoleProblem } from './member';
import { unsafeRoleReason } from './role-safety';

export interface RoleRequest {
  add: readonly string[];
  remove: readonly string[];
}

export type RequestDecision =
  { kind: 'refused'; refusals: RoleProblem[] } | { kind: 'accepted'; changes: DesiredChange[] };

/**
 * Checks a member's request against the catalog, its requirements and the bot's safety rules,
 * all or nothing: one refused role refuses the request, so a member never ends up with half of
 * what they chose. Exclusive categories swap: adding one of their roles drops the others.
 */
export function decideRequest(
  guild: GuildRoleModel,
  catalog: Catalog,
  member: MemberView,
  request: RoleRequest,
): RequestDecision {
  const add = unique(request.add);
  const remove = unique(request.remove);
  const refusals: RoleProblem[] = [];
  const refuse = (roleId: string, reason: string): void => {
    if (!refusals.some((r) => r.roleId === roleId)) refusals.push({ roleId, reason });
  };

  for (const roleId of add.filter((id) => remove.includes(id)))
    refuse(roleId, 'asked both to add and to remove this role');
  for (const roleId of [...add, ...remove]) {
    // Safety first: for a role that must never be self-assigned, that is the reason worth giving.
    const unsafe = guild.roles.has(roleId) ? unsafeRoleReason(guild, roleId) : undefined;
    if (unsafe) refuse(roleId, unsafe);
    else if (!catalog.roles.has(roleId)) refuse(roleId, 'this role is not in the self-assignable catalog');
    else if (!guild.roles.has(roleId)) refuse(roleId, unsafeRoleReason(guild, roleId) ?? 'unknown role');
  }
  for (const roleId of add) {
    const entry = catalog.roles.get(roleId);
    if (!entry || member.roles.has(roleId)) continue;
    if (entry.minLevel !== null && member.level < entry.minLevel)
      refuse(roleId, `${entry.label} requires level ${entry.minLevel} (you are level ${member.level})`);
    if (entry.requiresRules && !member.rulesAgreed)
      refuse(roleId, `${entry.label} requires agreeing to the server rules first`);
  }
  if (refusals.length > 0) return { kind: 'refused', refusals };

  const next = new Set(member.roles);
  for (const roleId of remove) next.delete(roleId);
  const swappedOut: string[] = [];
  for (const category of catalog.categories.values()) {
    const inCategory = rolesOfCategory(catalog, category.id).map((r) => r.roleId);
    const added = add.filter((id) => inCategory.includes(id));
    if (category.exclusive && added.length > 1) {
      for (const roleId of added) refuse(roleId, `${category.name} allows only one role: pick one`);
      continue;
    }
    if (category.exclusive && added.length === 1) {
      for (const roleId of inCategory) {
        if (roleId === added[0] || !next.has(roleId)) continue;
        const unsafe = unsafeRoleReason(guild, roleId);
        if (unsafe) refuse(added[0], `cannot swap out your current ${category.name} role: ${unsafe}`);
        next.delete(roleId);
        swappedOut.push(roleId);
      }
    }
    for (const roleId of added) next.add(roleId);
    const held = inCategory.filter((id) => next.has(id)).length;
    if (category.maxRoles !== null && held > category.maxRoles)
      for (const roleId of added)
        refuse(
          roleId,
          `${category.name} allows at most ${category.maxRoles} role(s); you would have ${held}`,
        );
  }
  if (refusals.length > 0) return { kind: 'refused', refusals };

  const changes: DesiredChange[] = [
    ...add.map((roleId) => ({ roleId, want: true })),
    ...[...remove, ...swappedOut].map((roleId) => ({ roleId, want: false })),
  ];
  return { kind: 'accepted', changes };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
