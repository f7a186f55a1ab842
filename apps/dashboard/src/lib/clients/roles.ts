import { BadRequest } from '../bad-request';
import { isSnowflake } from '../snowflake';
import { ServiceError, serviceFetch, type Caller } from './service-fetch';

export interface CatalogCategory {
  id: string;
  name: string;
  description: string;
  exclusive: boolean;
  maxRoles: number | null;
  position: number;
}

export interface CatalogRole {
  roleId: string;
  categoryId: string;
  label: string;
  description: string;
  emoji: string | null;
  minLevel: number | null;
  requiresRules: boolean;
  /** False when the bot cannot hand the role out now (above its own role, managed, dangerous). */
  available: boolean;
  unavailableReason?: string;
}

export interface Catalog {
  categories: CatalogCategory[];
  roles: CatalogRole[];
}

export type RequestStatus = 'pending' | 'applied' | 'failed' | 'refused';

export interface RoleRequestView {
  requestId: string;
  origin: string;
  add: string[];
  remove: string[];
  status: RequestStatus;
  problems: { roleId: string; reason: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface MemberRoles {
  level: number;
  rulesAgreed: boolean;
  /** The member's roles as Discord last reported them (null before the first report). */
  roles: string[] | null;
  /** Catalog roles the member has or will have once the changes in flight land. */
  catalogRoles: string[];
  inFlight: { roleId: string }[];
  requests: RoleRequestView[];
}

export interface RewardTable {
  mode: 'stack' | 'highest';
  rewards: { level: number; roleIds: string[] }[];
}

const g = (guildId: string) => `/guilds/${guildId}`;

export async function getCatalog(guildId: string, caller: Caller): Promise<Catalog> {
  const raw = await serviceFetch<{ categories: (CatalogCategory & { roles: CatalogRole[] })[] }>(
    'roles',
    `${g(guildId)}/catalog`,
    { caller },
  );
  return {
    categories: raw.categories.map(({ roles: _roles, ...c }) => c),
    roles: raw.categories.flatMap((c) => c.roles),
  };
}

export async function getMemberRoles(guildId: string, userId: string, caller: Caller): Promise<MemberRoles> {
  const path = `${g(guildId)}/members/${userId}`;
  const [roles, requests] = await Promise.all([
    serviceFetch<Omit<MemberRoles, 'requests'>>('roles', `${path}/roles`, { caller }),
    serviceFetch<{ requests: RoleRequestView[] }>('roles', `${path}/requests`, { caller }),
  ]);
  return {
    level: roles.level,
    rulesAgreed: roles.rulesAgreed,
    roles: roles.roles,
    catalogRoles: roles.catalogRoles ?? [],
    inFlight: roles.inFlight ?? [],
    requests: requests.requests.slice(0, 20),
  };
}

export type RequestOutcome =
  | { status: 'pending' | 'applied'; requestId: string }
  | { status: 'refused'; requestId?: string; refusals: { roleId: string; reason: string }[] };

/** The roles service answers 409 when it refuses; that is an outcome for the member, not an error. */
export async function requestRoles(
  guildId: string,
  userId: string,
  caller: Caller,
  change: { add: string[]; remove: string[] },
): Promise<RequestOutcome> {
  try {
    const r = await serviceFetch<{ status: 'pending' | 'applied'; requestId: string }>(
      'roles',
      `${g(guildId)}/members/${userId}/requests`,
      {
        caller,
        method: 'POST',
        body: change,
      },
    );
    return { status: r.status, requestId: r.requestId };
  } catch (err) {
    if (err instanceof ServiceError && err.status === 409) {
      const body = (err.body ?? {}) as {
        requestId?: string;
        refusals?: { roleId: string; reason: string }[];
      };
      return {
        status: 'refused',
        requestId: body.requestId,
        refusals: body.refusals ?? [{ roleId: '', reason: err.message }],
      };
    }
    throw err;
  }
}

export function getRewards(guildId: string, caller: Caller): Promise<RewardTable> {
  return serviceFetch<RewardTable>('roles', `${g(guildId)}/rewards`, { caller });
}

export function putRewards(
  guildId: string,
  caller: Caller,
  table: RewardTable,
): Promise<RewardTable & { jobId?: string }> {
  return serviceFetch('roles', `${g(guildId)}/rewards`, { caller, method: 'PUT', body: table });
}

export type CatalogEdit =
  | { op: 'create-category'; category: Partial<CatalogCategory> & { name: string } }
  | { op: 'update-category'; categoryId: string; category: Partial<CatalogCategory> & { name: string } }
  | { op: 'delete-category'; categoryId: string }
  | { op: 'add-role'; role: Partial<CatalogRole> & { roleId: string; categoryId: string } }
  | { op: 'update-role'; roleId: string; role: Partial<CatalogRole> & { categoryId: string } }
  | { op: 'delete-role'; roleId: string };

/** A catalog change as the roles service's REST call: path (under the guild), method and body. */
export interface CatalogRequest {
  path: string;
  method: 'POST' | 'PUT' | 'DELETE';
  body?: Record<string, unknown>;
}

/**
 * Pure. The ids come from the browser and become parts of a service URL, so each is checked
 * first: a role id must be a Discord id (`../../x` would otherwise walk to another route of the
 * roles service, with the moderator's token) and every segment is encoded.
 */
export function catalogRequest(edit: CatalogEdit): CatalogRequest {
  const clean = <T extends object>(o: T) =>
    Object.fromEntries(
      Object.entries(o).filter(
        ([k, v]) =>
          v !== undefined && v !== null && !['id', 'roleId', 'available', 'unavailableReason'].includes(k),
      ),
    );
  const roleId = (id: unknown): string => {
    if (!isSnowflake(id)) throw new BadRequest('roleId must be a Discord id');
    return id;
  };
  const categoryId = (id: unknown): string => {
    if (typeof id !== 'string' || id.length === 0 || id.length > 100)
      throw new BadRequest('categoryId must be a category id');
    return encodeURIComponent(id);
  };
  const object = (o: unknown, name: string): Record<string, unknown> => {
    if (typeof o !== 'object' || o === null || Array.isArray(o))
      throw new BadRequest(`${name} must be an object`);
    return o as Record<string, unknown>;
  };
  switch (edit.op) {
    case 'create-category':
      return { path: '/catalog/categories', method: 'POST', body: clean(object(edit.category, 'category')) };
    case 'update-category':
      return {
        path: `/catalog/categories/${categoryId(edit.categoryId)}`,
        method: 'PUT',
        body: clean(object(edit.category, 'category')),
      };
    case 'delete-category':
      return { path: `/catalog/categories/${categoryId(edit.categoryId)}`, method: 'DELETE' };
    case 'add-role': {
      const role = object(edit.role, 'role');
      return {
        path: '/catalog/roles',
        method: 'POST',
        body: { ...clean(role), roleId: roleId(role.roleId) },
      };
    }
    case 'update-role':
      return {
        path: `/catalog/roles/${roleId(edit.roleId)}`,
        method: 'PUT',
        body: clean(object(edit.role, 'role')),
      };
    case 'delete-role':
      return { path: `/catalog/roles/${roleId(edit.roleId)}`, method: 'DELETE' };
  }
}

/** One change to the catalog, mapped onto the roles service's REST resources. */
export function editCatalog(guildId: string, caller: Caller, edit: CatalogEdit): Promise<unknown> {
  const { path, method, body } = catalogRequest(edit);
  return serviceFetch('roles', `${g(guildId)}${path}`, { caller, method, ...(body ? { body } : {}) });
}

/** A guild Guildhall is in, with the member's roles there as the roles service last saw them. */
export interface GuildStanding {
  guildId: string;
  /** Null when the roles service has not seen the member in that guild yet. */
  roles: string[] | null;
}

/**
 * Which of `guildIds` Guildhall is in, and the member's roles there: one read of the roles
 * service's projections instead of paging the bot's guilds and reading members from Discord.
 */
export async function memberStanding(userId: string, guildIds: string[]): Promise<GuildStanding[]> {
  if (guildIds.length === 0) return [];
  const { guilds } = await serviceFetch<{ guilds: GuildStanding[] }>('roles', `/members/${userId}/standing`, {
    caller: { userId, guildId: guildIds[0], role: 'member' },
    method: 'POST',
    body: { guildIds },
  });
  return guilds;
}
