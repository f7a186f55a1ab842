/**
 * The tables a service keeps of each guild's roles and channels, in its own schema. Called from a
 * service migration (schema-qualified, like eventingTablesSql). `directory_guilds` records that a
 * sync arrived: without a row the service has never seen the guild, which is not the same as a
 * guild with no roles. `channels_known` is false while only events from before channels were
 * reported have arrived.
 */
export function directoryTablesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `CREATE TABLE ${s}.directory_guilds (
      guild_id text COLLATE "C" PRIMARY KEY,
      bot_user_id text COLLATE "C",
      bot_role_ids text[] NOT NULL DEFAULT '{}',
      channels_known boolean NOT NULL DEFAULT false,
      synced_at timestamptz NOT NULL
    )`,
    `CREATE TABLE ${s}.directory_roles (
      guild_id text COLLATE "C" NOT NULL,
      role_id text COLLATE "C" NOT NULL,
      name text NOT NULL,
      color integer NOT NULL DEFAULT 0,
      position integer NOT NULL,
      permissions text NOT NULL,
      managed boolean NOT NULL,
      PRIMARY KEY (guild_id, role_id)
    )`,
    `CREATE TABLE ${s}.directory_channels (
      guild_id text COLLATE "C" NOT NULL,
      channel_id text COLLATE "C" NOT NULL,
      name text NOT NULL,
      type integer NOT NULL,
      parent_id text COLLATE "C",
      position integer NOT NULL,
      PRIMARY KEY (guild_id, channel_id)
    )`,
  ];
}

/** The directory tables, for a service's rebuild (they are a read model like any other). */
export const DIRECTORY_TABLES = ['directory_guilds', 'directory_roles', 'directory_channels'] as const;
