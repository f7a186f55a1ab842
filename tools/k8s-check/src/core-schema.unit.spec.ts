import { validateCoreObject } from './core-schema';
import type { Manifest } from './manifest';

const deployment = (spec: Record<string, unknown>, container: Record<string, unknown> = {}): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'xp', labels: { 'app.kubernetes.io/name': 'xp' } },
  spec: {
    selector: { matchLabels: { app: 'xp' } },
    template: {
      metadata: { labels: { app: 'xp' } },
      spec: { containers: [{ name: 'xp', image: 'guildhall', ...container }] },
    },
    ...spec,
  },
});

describe('a Kubernetes object against its schema', () => {
  it('accepts a well-formed Deployment, maps (labels, resource quantities) included', () => {
    expect(
      validateCoreObject(
        deployment({ replicas: 2 }, { resources: { requests: { cpu: '100m', memory: '256Mi' } } }),
      ),
    ).toEqual([]);
  });

  it('refuses a field the schema does not have, such as replica for replicas', () => {
    expect(validateCoreObject(deployment({ replica: 2 }))).toEqual([
      {
        object: 'Deployment/xp',
        path: '/spec/replica',
        message: 'unknown field (not in the Kubernetes schema)',
      },
    ]);
  });

  it('refuses a wrong type, a missing required field and a value outside an enum, each by its path', () => {
    const problems = validateCoreObject({
      ...deployment({ strategy: { type: 'Rolling' } }, { ports: [{ containerPort: '3101' }] }),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/spec/strategy/type',
          message: expect.stringContaining('RollingUpdate'),
        }),
        expect.objectContaining({
          path: '/spec/template/spec/containers/0/ports/0/containerPort',
          message: 'must be integer',
        }),
      ]),
    );
    const noName = deployment({});
    (noName.spec as { template: { spec: { containers: object[] } } }).template.spec.containers = [
      { image: 'x' },
    ];
    expect(validateCoreObject(noName)).toEqual([
      expect.objectContaining({
        path: '/spec/template/spec/containers/0',
        message: 'must have required property name',
      }),
    ]);
  });

  it('finds a typo deep inside a probe', () => {
    const problems = validateCoreObject(
      deployment({}, { livenessProbe: { httpGet: { pat: '/health', port: 'http' } } }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ path: '/spec/template/spec/containers/0/livenessProbe/httpGet/pat' }),
    ]);
  });

  it('leaves custom resources to their own schemas', () => {
    expect(validateCoreObject({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' })).toBeUndefined();
    expect(validateCoreObject({ apiVersion: 'apps/v1', kind: 'Deploymnet' })).toBeUndefined();
  });
});
