import type { CommandSpec } from '@guildhall/contracts';
import type { RESTPutAPIApplicationGuildCommandsJSONBody } from 'discord-api-types/v10';

export interface OwnerCommands {
  owner: string;
  commands: CommandSpec[];
}

export interface MergedCommands {
  body: RESTPutAPIApplicationGuildCommandsJSONBody;
  /** Names an owner asked for that another owner already holds; the first owner (by name) keeps them. */
  conflicts: Array<{ owner: string; name: string; heldBy: string }>;
}

/**
 * Discord keeps one command list per application and guild, and a PUT replaces all of it, so
 * each owner's registration is merged with everyone else's. Owners are taken in name order so
 * the result does not depend on who registered last.
 */
export function mergeCommands(registrations: OwnerCommands[]): MergedCommands {
  const holder = new Map<string, string>();
  const body: RESTPutAPIApplicationGuildCommandsJSONBody = [];
  const conflicts: MergedCommands['conflicts'] = [];
  for (const r of [...registrations].sort((a, b) => a.owner.localeCompare(b.owner))) {
    for (const c of r.commands) {
      const heldBy = holder.get(c.name);
      if (heldBy !== undefined) {
        conflicts.push({ owner: r.owner, name: c.name, heldBy });
        continue;
      }
      holder.set(c.name, r.owner);
      body.push(toDiscord(c));
    }
  }
  return { body, conflicts };
}

function toDiscord(c: CommandSpec): RESTPutAPIApplicationGuildCommandsJSONBody[number] {
  const out: RESTPutAPIApplicationGuildCommandsJSONBody[number] = {
    type: 1,
    name: c.name,
    description: c.description,
  };
  if (c.options?.length) {
    out.options = c.options.map((o) => ({
      type: o.type,
      name: o.name,
      description: o.description,
      ...(o.required !== undefined ? { required: o.required } : {}),
    })) as NonNullable<typeof out.options>;
  }
  if (c.defaultMemberPermissions !== undefined) out.default_member_permissions = c.defaultMemberPermissions;
  return out;
}
