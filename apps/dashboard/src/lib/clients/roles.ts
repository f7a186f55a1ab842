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

/** One change to the catalog, mapped onto the roles service's REST resources. */
export function editCatalog(guildId: string, caller: Caller, edit: CatalogEdit): Promise<unknown> {
  const base = `${g(guildId)}/catalog`;
  const clean = <T extends object>(o: T) =>
    Object.fromEntries(
      Object.entries(o).filter(
        ([k, v]) =>
          v !== undefined && v !== null && !['id', 'roleId', 'available', 'unavailableReason'].includes(k),
      ),
    );
  switch (edit.op) {
    case 'create-category':
      return serviceFetch('roles', `${base}/categories`, {
        caller,
        method: 'POST',
        body: clean(edit.category),
      });
    case 'update-category':
      return serviceFetch('roles', `${base}/categories/${encodeURIComponent(edit.categoryId)}`, {
        caller,
        method: 'PUT',
        body: clean(edit.category),
      });
    case 'delete-category':
      return serviceFetch('roles', `${base}/categories/${encodeURIComponent(edit.categoryId)}`, {
        caller,
        method: 'DELETE',
      });
    case 'add-role':
      return serviceFetch('roles', `${base}/roles`, {
        caller,
        method: 'POST',
        body: { ...clean(edit.role), roleId: edit.role.roleId },
      });
    case 'update-role':
      return serviceFetch('roles', `${base}/roles/${edit.roleId}`, {
        caller,
        method: 'PUT',
        body: clean(edit.role),
      });
    case 'delete-role':
      return serviceFetch('roles', `${base}/roles/${edit.roleId}`, { caller, method: 'DELETE' });
  }
}
