import type { GuildDirectoryResponse } from './clients/directory';

/** One entry of a role or channel picker. `id: null` is the "none" entry of a clearable picker. */
export interface PickerOption {
  id: string | null;
  label: string;
  /** The channel's category ('No category' outside any), for the group headers. */
  group?: string;
  color?: number;
  /** Set when the option is shown but may not be picked. */
  disabledReason?: string;
}

export interface OptionsRequest {
  kind: 'role' | 'channel';
  directory: GuildDirectoryResponse;
  /** Roles the bot may not grant are disabled with the directory's reason. */
  grantableOnly?: boolean;
  /** Hidden, except the current value (so a row keeps showing its own choice). */
  exclude?: readonly string[];
  value?: string | null;
}

/** Roles highest first; channels in Discord's order under their categories. */
export function pickerOptions(r: OptionsRequest): PickerOption[] {
  const list: PickerOption[] =
    r.kind === 'role'
      ? r.directory.roles.map((role) => ({
          id: role.id,
          label: role.name,
          color: role.color,
          disabledReason: r.grantableOnly && !role.assignable ? role.reason : undefined,
        }))
      : r.directory.categories.flatMap((c) =>
          c.channels.map((ch) => ({ id: ch.id, label: `#${ch.name}`, group: c.name ?? 'No category' })),
        );
  const excluded = new Set(r.exclude ?? []);
  return list.filter((o) => o.id === r.value || !excluded.has(o.id as string));
}

/** What typing narrows the list to: the name (a leading # is optional), the category, or an exact id. */
export function filterOptions(options: PickerOption[], query: string): PickerOption[] {
  const q = query.trim().toLowerCase().replace(/^#/, '');
  if (!q) return options;
  return options.filter(
    (o) =>
      o.label.toLowerCase().replace(/^#/, '').includes(q) ||
      (o.group ?? '').toLowerCase().includes(q) ||
      o.id === q,
  );
}

/** Why there is nothing to choose from, when the service has not been told the guild's roles or channels. */
export function emptyDirectoryReason(
  kind: 'role' | 'channel',
  directory: GuildDirectoryResponse,
): string | undefined {
  if (!directory.known)
    return `Guildhall has not received this server from Discord yet, so its ${kind}s are unknown. Is the bot in the server and online?`;
  if (kind === 'channel' && !directory.channelsKnown)
    return 'The channels of this server arrive with the bot’s next connection to Discord.';
  return undefined;
}

/** The name a directory gives an id, for read-only lists (chips, tables). */
export function directoryName(
  directory: GuildDirectoryResponse,
  kind: 'role' | 'channel',
  id: string,
): string {
  if (kind === 'role') return directory.roles.find((r) => r.id === id)?.name ?? `Unknown role (${id})`;
  for (const c of directory.categories) {
    const ch = c.channels.find((x) => x.id === id);
    if (ch) return `#${ch.name}`;
  }
  return `Unknown channel (${id})`;
}
