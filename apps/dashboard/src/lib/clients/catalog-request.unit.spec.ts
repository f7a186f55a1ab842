import { BadRequest } from '../bad-request';
import { catalogRequest } from './roles';

describe('catalogRequest', () => {
  it('refuses a role id that would walk the roles service URL to another route', () => {
    for (const roleId of ['../../rewards', '123/../../x', '%2e%2e', '', 42])
      expect(() => catalogRequest({ op: 'delete-role', roleId } as never)).toThrow(BadRequest);
    expect(() =>
      catalogRequest({ op: 'update-role', roleId: '../settings', role: { categoryId: 'c' } } as never),
    ).toThrow('roleId must be a Discord id');
    expect(() =>
      catalogRequest({ op: 'add-role', role: { roleId: '1/../2', categoryId: 'c' } } as never),
    ).toThrow('roleId must be a Discord id');
  });

  it('encodes a category id into one path segment', () => {
    expect(catalogRequest({ op: 'delete-category', categoryId: '../rewards' })).toEqual({
      path: '/catalog/categories/..%2Frewards',
      method: 'DELETE',
    });
  });

  it('maps each change onto its REST resource, without the fields the service owns', () => {
    expect(
      catalogRequest({
        op: 'update-role',
        roleId: '200000000000000001',
        role: { categoryId: 'c1', available: true, emoji: null } as never,
      }),
    ).toEqual({ path: '/catalog/roles/200000000000000001', method: 'PUT', body: { categoryId: 'c1' } });
    expect(
      catalogRequest({ op: 'add-role', role: { roleId: '200000000000000001', categoryId: 'c1' } }),
    ).toEqual({
      path: '/catalog/roles',
      method: 'POST',
      body: { categoryId: 'c1', roleId: '200000000000000001' },
    });
  });
});
