import { validateCustomResource } from './custom-resources';

const cluster = (spec: Record<string, unknown>) => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'guildhall-pg' },
  spec: { instances: 3, storage: { size: '50Gi' }, ...spec },
});

describe('a CloudNativePG Cluster against the fields it has', () => {
  it('accepts the fields the production overlay uses', () => {
    expect(
      validateCustomResource(
        cluster({
          bootstrap: { initdb: { database: 'guildhall', owner: 'guildhall' } },
          postgresql: { parameters: { max_connections: '400' } },
          resources: { requests: { cpu: '500m', memory: '1Gi' } },
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a misspelt field and a wrong type', () => {
    expect(validateCustomResource(cluster({ instance: 3 }))).toEqual([
      {
        object: 'Cluster/guildhall-pg',
        path: '/spec/instance',
        message: 'unknown field (not in the schema of this resource)',
      },
    ]);
    expect(validateCustomResource(cluster({ instances: '3' }))).toEqual([
      expect.objectContaining({ path: '/spec/instances', message: 'must be integer' }),
    ]);
    expect(validateCustomResource(cluster({ postgresql: { parameters: { max_connections: 400 } } }))).toEqual(
      [
        expect.objectContaining({
          path: '/spec/postgresql/parameters/max_connections',
          message: 'must be string',
        }),
      ],
    );
  });

  it('knows nothing of other custom resources', () => {
    expect(validateCustomResource({ apiVersion: 'example.org/v1', kind: 'Thing' })).toBeUndefined();
  });
});
