import { Catalog, CatalogCategory, CatalogRole } from './catalog';
import { decideRequest } from './decide-request';
import { GuildRole, GuildRoleModel } from './guild-roles';
import { MemberView } from './member';

const role = (id: string, position: number, over: Partial<GuildRole> = {}): GuildRole => ({
  id,
  name: `role-${id}`,
  position,
  permissions: '0',
  managed: false,
  ...over,
});
const guild: GuildRoleModel = {
  roles: new Map(
    [
      role('90', 20, { name: 'Guildhall' }),
      role('11', 1, { name: 'Artist' }),
      role('12', 2, { name: 'Musician' }),
      role('13', 3, { name: 'Writer' }),
      role('21', 4, { name: 'Red' }),
      role('22', 5, { name: 'Blue' }),
      role('31', 6, { name: 'Veteran' }),
      role('32', 7, { name: 'Verified' }),
      role('40', 25, { name: 'Staff' }),
      role('41', 8, { name: 'Bot role', managed: true }),
      role('42', 9, { name: 'Admins', permissions: '8' }),
      role('43', 9, { name: 'Banners', permissions: '4' }),
    ].map((r) => [r.id, r]),
  ),
  botRoleIds: ['90'],
};
const category = (id: string, over: Partial<CatalogCategory> = {}): CatalogCategory => ({
  id,
  name: id,
  description: '',
  exclusive: false,
  maxRoles: null,
  position: 0,
  ...over,
});
const entry = (roleId: string, categoryId: string, over: Partial<CatalogRole> = {}): CatalogRole => ({
  roleId,
  categoryId,
  label: guild.roles.get(roleId)?.name ?? roleId,
  description: '',
  emoji: null,
  minLevel: null,
  requiresRules: false,
  ...over,
});
const catalog: Catalog = {
  categories: new Map([
    ['interests', category('Interests', { id: 'interests', maxRoles: 2 })],
    ['colours', category('Colours', { id: 'colours', exclusive: true })],
    ['perks', category('Perks', { id: 'perks' })],
  ]),
  roles: new Map(
    [
      entry('11', 'interests'),
      entry('12', 'interests'),
      entry('13', 'interests'),
      entry('21', 'colours'),
      entry('22', 'colours'),
      entry('31', 'perks', { minLevel: 10 }),
      entry('32', 'perks', { requiresRules: true }),
      entry('40', 'perks'),
      entry('41', 'perks'),
      entry('42', 'perks'),
      entry('43', 'perks'),
    ].map((e) => [e.roleId, e]),
  ),
};
const member = (roles: string[] = [], over: Partial<MemberView> = {}): MemberView => ({
  userId: '5',
  level: 0,
  rulesAgreed: false,
  roles: new Set(roles),
  ...over,
});

describe('deciding a role request', () => {
  it('a member adds an interest and drops another', () => {
    expect(decideRequest(guild, catalog, member(['12']), { add: ['11'], remove: ['12'] })).toEqual({
      kind: 'accepted',
      changes: [
        { roleId: '11', want: true },
        { roleId: '12', want: false },
      ],
    });
  });

  it('picking a colour in an exclusive category swaps out the old one', () => {
    expect(decideRequest(guild, catalog, member(['21']), { add: ['22'], remove: [] })).toEqual({
      kind: 'accepted',
      changes: [
        { roleId: '22', want: true },
        { roleId: '21', want: false },
      ],
    });
  });

  it('asking for two roles of an exclusive category is refused', () => {
    const d = decideRequest(guild, catalog, member(), { add: ['21', '22'], remove: [] });
    expect(d).toMatchObject({
      kind: 'refused',
      refusals: [{ roleId: '21', reason: expect.stringMatching(/pick one/) }, { roleId: '22' }],
    });
  });

  it('a category limit counts the roles the member already has', () => {
    const d = decideRequest(guild, catalog, member(['11', '12']), { add: ['13'], remove: [] });
    expect(d).toEqual({
      kind: 'refused',
      refusals: [{ roleId: '13', reason: 'Interests allows at most 2 role(s); you would have 3' }],
    });
    expect(decideRequest(guild, catalog, member(['11', '12']), { add: ['13'], remove: ['11'] }).kind).toBe(
      'accepted',
    );
  });

  it('refuses roles outside the catalog, above the bot, managed, or with dangerous permissions', () => {
    const reasons = (roleId: string) => {
      const d = decideRequest(guild, catalog, member(), { add: [roleId], remove: [] });
      return d.kind === 'refused' ? d.refusals[0].reason : 'accepted';
    };
    expect(reasons('99')).toBe('this role is not in the self-assignable catalog');
    expect(reasons('40')).toBe("Staff is at or above the bot's highest role");
    expect(reasons('41')).toBe('Bot role is managed by an integration and cannot be assigned');
    expect(reasons('42')).toBe('Admins grants dangerous permissions (Administrator)');
    expect(reasons('43')).toBe('Banners grants dangerous permissions (Ban Members)');
  });

  it('requirements: a minimum level and agreeing to the rules', () => {
    expect(decideRequest(guild, catalog, member([], { level: 3 }), { add: ['31'], remove: [] })).toEqual({
      kind: 'refused',
      refusals: [{ roleId: '31', reason: 'Veteran requires level 10 (you are level 3)' }],
    });
    expect(decideRequest(guild, catalog, member([], { level: 10 }), { add: ['31'], remove: [] }).kind).toBe(
      'accepted',
    );
    expect(decideRequest(guild, catalog, member(), { add: ['32'], remove: [] })).toMatchObject({
      kind: 'refused',
      refusals: [{ reason: 'Verified requires agreeing to the server rules first' }],
    });
    expect(
      decideRequest(guild, catalog, member([], { rulesAgreed: true }), { add: ['32'], remove: [] }).kind,
    ).toBe('accepted');
  });

  it('one refused role refuses the whole request', () => {
    expect(decideRequest(guild, catalog, member(), { add: ['11', '99'], remove: [] })).toEqual({
      kind: 'refused',
      refusals: [{ roleId: '99', reason: 'this role is not in the self-assignable catalog' }],
    });
  });

  it('a member cannot remove a role outside the catalog either', () => {
    expect(decideRequest(guild, catalog, member(['99']), { add: [], remove: ['99'] }).kind).toBe('refused');
  });
});
