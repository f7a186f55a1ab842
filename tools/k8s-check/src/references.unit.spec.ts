import type { Manifest } from './manifest';
import { checkReferences, type Surroundings } from './references';

const around: Surroundings = {
  externalSecrets: ['guildhall-secrets'],
  routesOf: (c) => (c.image === 'guildhall' ? ['/health', '/metrics'] : undefined),
  customMetrics: ['guildhall_consumer_lag_seconds'],
};

const statefulSet = (serviceName: string, probePath = '/health'): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'gateway' },
  spec: {
    serviceName,
    selector: { matchLabels: { app: 'gateway' } },
    template: {
      metadata: { labels: { app: 'gateway' } },
      spec: {
        containers: [
          {
            name: 'gateway',
            image: 'guildhall',
            envFrom: [{ secretRef: { name: 'guildhall-secrets' } }],
            ports: [{ name: 'http', containerPort: 3100 }],
            readinessProbe: { httpGet: { path: probePath, port: 'http' } },
          },
        ],
      },
    },
  },
});
const headless: Manifest = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'gateway' },
  spec: { clusterIP: 'None', selector: { app: 'gateway' } },
};

describe('names between the objects of one build', () => {
  it('accepts a StatefulSet whose headless Service exists and selects its pods', () => {
    expect(checkReferences([statefulSet('gateway'), headless], around)).toEqual([]);
  });

  it('names a StatefulSet whose serviceName points at no Service', () => {
    expect(checkReferences([statefulSet('gateway-headless'), headless], around)).toEqual([
      {
        object: 'StatefulSet/gateway',
        path: '/spec/serviceName',
        message: 'Service gateway-headless is not in this build',
      },
    ]);
  });

  it('names a probe on a route the container does not serve', () => {
    expect(checkReferences([statefulSet('gateway', '/healthz'), headless], around)).toEqual([
      expect.objectContaining({
        path: '/spec/template/spec/containers/0/readinessProbe/httpGet/path',
        message: '/healthz is not a route of gateway (it serves /health, /metrics)',
      }),
    ]);
  });

  it('names selectors that select nothing and autoscalers on metrics nobody serves', () => {
    const pdb: Manifest = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'xp' },
      spec: { selector: { matchLabels: { app: 'xp' } } },
    };
    const hpa: Manifest = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'gateway' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'gateway' },
        metrics: [{ type: 'Pods', pods: { metric: { name: 'consumer_lag' } } }],
      },
    };
    expect(checkReferences([statefulSet('gateway'), headless, pdb, hpa], around)).toEqual([
      expect.objectContaining({ object: 'PodDisruptionBudget/xp', message: 'selects no pods of this build' }),
      expect.objectContaining({
        object: 'HorizontalPodAutoscaler/gateway',
        message: 'no metrics adapter rule serves consumer_lag',
      }),
    ]);
  });

  it('names a network policy whose peer selects no pods, as a typo in a label would', () => {
    const policy: Manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'gateway-from-dashboard' },
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['gateway', 'xp'] }] },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'dashbord' } } }] }],
      },
    };
    expect(checkReferences([statefulSet('gateway'), headless, policy], around)).toEqual([
      {
        object: 'NetworkPolicy/gateway-from-dashboard',
        path: '/spec/ingress/0/from/0/podSelector',
        message: 'selects no pods of this build',
      },
    ]);
  });
});
