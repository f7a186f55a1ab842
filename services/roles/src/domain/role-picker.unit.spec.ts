import { Catalog } from './catalog';
import { categoryOfPick, pickCustomId, pickToRequest } from './role-picker';

const catalog: Catalog = {
  categories: new Map([
    ['c1', { id: 'c1', name: 'Interests', description: '', exclusive: false, maxRoles: null, position: 0 }],
  ]),
  roles: new Map(
    ['1', '2', '3'].map((roleId) => [
      roleId,
      {
        roleId,
        categoryId: 'c1',
        label: roleId,
        description: '',
        emoji: null,
        minLevel: null,
        requiresRules: false,
      },
    ]),
  ),
};

describe('the /roles picker', () => {
  it('round-trips the category through the custom id', () => {
    expect(categoryOfPick(pickCustomId('c1'))).toBe('c1');
    expect(categoryOfPick('xp:profile')).toBeUndefined();
  });

  it('turns a selection into the roles to add and remove', () => {
    expect(pickToRequest(catalog, 'c1', new Set(['1', '2', '99']), ['2', '3'])).toEqual({
      add: ['3'],
      remove: ['1'],
    });
    expect(pickToRequest(catalog, 'c1', new Set(['1']), [])).toEqual({ add: [], remove: ['1'] });
  });
});
