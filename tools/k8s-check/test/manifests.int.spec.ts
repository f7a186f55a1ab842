import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkOverlay, formatProblem, K8S_DIR, kustomizeBuild } from '../src';

/**
 * Every overlay of deploy/k8s builds with `kubectl kustomize` (as `kubectl apply -k` would) and
 * every object it would apply passes its schema and names only what exists. Needs kubectl.
 */
const overlays = readdirSync(join(K8S_DIR, 'overlays'));

describe('the Kubernetes manifests', () => {
  it.each(overlays)('overlays/%s builds and every object passes its schema', (overlay) => {
    const problems = checkOverlay(join(K8S_DIR, 'overlays', overlay)).map(formatProblem);
    expect(problems).toEqual([]);
  });

  it('fail the check on a deliberately broken manifest, naming each mistake', () => {
    const problems = checkOverlay(join(__dirname, 'fixtures', 'broken-overlay')).map(formatProblem);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Deployment/broken /spec/replica: unknown field (not in the Kubernetes schema)',
        'Deployment/broken /spec/template/spec/containers/0/ports/0/containerPort: must be integer',
        expect.stringMatching(
          /^Deployment\/broken \/spec\/template\/spec\/containers\/0\/readinessProbe\/httpGet\/path: \/healthz is not a route of broken/,
        ),
        'Deployment/broken /spec/template/spec/containers/0/livenessProbe/httpGet/port: the container has no port named web',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('probe the routes the processes serve', () => {
    const objects = kustomizeBuild(join(K8S_DIR, 'overlays', 'production'));
    const probes = (name: string) => {
      const w = objects.find(
        (o) => o.metadata?.name === name && /Deployment|StatefulSet/.test(String(o.kind)),
      );
      const c = (
        w?.spec as {
          template: { spec: { containers: Array<Record<string, { httpGet?: { path: string } }>> } };
        }
      ).template.spec.containers[0];
      return ['startupProbe', 'readinessProbe', 'livenessProbe'].map((p) => c[p]?.httpGet?.path);
    };
    expect(probes('dashboard')).toEqual([undefined, '/api/health', '/api/health']);
    for (const service of ['gateway', 'xp', 'roles', 'onboarding'])
      expect(probes(service)).toEqual(['/metrics', '/health', '/metrics']);
  });

  it('keep the lease rule: a service rolls out one new pod before an old one stops, the gateway one shard at a time', () => {
    const objects = kustomizeBuild(join(K8S_DIR, 'overlays', 'production'));
    for (const name of ['xp', 'roles', 'onboarding']) {
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === name);
      expect((d?.spec as { strategy: unknown }).strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
    }
    const gateway = objects.find((o) => o.kind === 'StatefulSet' && o.metadata?.name === 'gateway');
    const headless = objects.find((o) => o.kind === 'Service' && o.metadata?.name === 'gateway');
    // Parallel start is safe: the gateways space their IDENTIFYs themselves; a rollout still replaces one pod at a time.
    expect(gateway?.spec).toMatchObject({
      serviceName: 'gateway',
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate' },
    });
    expect(headless?.spec).toMatchObject({ clusterIP: 'None' });
    const nats = objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === 'nats-config');
    expect((nats as { data: Record<string, string> }).data['nats.conf']).toMatch(/sync_interval: always/);
  });
});
