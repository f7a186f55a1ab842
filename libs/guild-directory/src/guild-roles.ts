/** The guild's real roles as Discord last told us, and where the bot stands among them. */
export interface GuildRole {
  id: string;
  name: string;
  position: number;
  /** Discord permission bitfield, decimal (it exceeds 53 bits). */
  permissions: string;
  managed: boolean;
}

export interface GuildRoleModel {
  roles: ReadonlyMap<string, GuildRole>;
  botRoleIds: readonly string[];
}

/**
 * Discord lets a bot manage only roles strictly below its own highest role. A bot with no
 * roles of its own sits at @everyone's position 0, so it can manage nothing.
 */
export function botHighestPosition(model: GuildRoleModel): number {
  let highest = 0;
  for (const id of model.botRoleIds) {
    const role = model.roles.get(id);
    if (role && role.position > highest) highest = role.position;
  }
  return highest;
}
