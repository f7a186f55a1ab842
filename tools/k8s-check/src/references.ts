import type { Manifest, Problem } from './manifest';
import { objectName } from './manifest';

/** What the objects of one build may name outside it. */
export interface Surroundings {
  /** Secrets created by the operator of the cluster (README), or by an operator such as CloudNativePG. */
  externalSecrets: readonly string[];
  /** HTTP paths a container serves, by what it runs; undefined when unknown (then any path passes). */
  routesOf(container: Container): readonly string[] | undefined;
  /** Custom metrics the metrics adapter serves (deploy/k8s/prometheus-adapter). */
  customMetrics: readonly string[];
}

export interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}

interface Probe {
  httpGet?: { path?: string; port: number | string };
}

interface Workload {
  manifest: Manifest;
  labels: Record<string, string>;
  containers: Container[];
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * What the schema cannot see: names that must point at something in the same build. A
 * StatefulSet's serviceName, a Service's or budget's selector, an autoscaler's target and metrics,
 * a probe's port and path, the ConfigMaps and Secrets a container reads.
 */
export function checkReferences(objects: readonly Manifest[], around: Surroundings): Problem[] {
  const problems: Problem[] = [];
  const add = (m: Manifest, path: string, message: string) =>
    problems.push({ object: objectName(m), path, message });
  const workloads = objects.filter((m) => WORKLOAD_KINDS.includes(String(m.kind))).map(workloadOf);
  // The pods an operator runs for a custom resource, by the labels it gives them.
  const operatorPods = objects
    .filter((m) => m.apiVersion === 'postgresql.cnpg.io/v1' && m.kind === 'Cluster')
    .map((m) => ({ 'cnpg.io/cluster': String(m.metadata?.name) }));
  const podLabelSets = [...workloads.map((w) => w.labels), ...operatorPods];
  const selectsSomething = (selector: Record<string, string>) =>
    podLabelSets.some((labels) => matches(selector, labels));
  const byKindName = new Map(objects.map((m) => [`${String(m.kind)}/${String(m.metadata?.name)}`, m]));
  const configMaps = new Set(
    objects.filter((m) => m.kind === 'ConfigMap').map((m) => String(m.metadata?.name)),
  );
  const hpaTargets = new Set<string>();

  for (const m of objects) {
    const spec = (m.spec ?? {}) as Record<string, unknown>;
    if (m.kind === 'Service') {
      const selector = spec.selector as Record<string, string> | undefined;
      if (selector && !selectsSomething(selector)) add(m, '/spec/selector', 'selects no pods of this build');
    }
    if (m.kind === 'PodDisruptionBudget' || m.kind === 'NetworkPolicy') {
      const field = m.kind === 'PodDisruptionBudget' ? 'selector' : 'podSelector';
      const selector = spec[field] as LabelSelector | undefined;
      if (selector && !isEmpty(selector) && !podLabelSets.some((l) => selectorMatches(selector, l)))
        add(m, `/spec/${field}`, 'selects no pods of this build');
    }
    if (m.kind === 'NetworkPolicy') {
      // A peer in this namespace that matches nothing silently cuts a path the policy meant to open.
      const rules = (spec.ingress ?? []) as Array<{
        from?: Array<{ podSelector?: LabelSelector; namespaceSelector?: unknown }>;
      }>;
      rules.forEach((rule, i) =>
        (rule.from ?? []).forEach((peer, j) => {
          if (
            peer.podSelector &&
            !peer.namespaceSelector &&
            !isEmpty(peer.podSelector) &&
            !podLabelSets.some((l) => selectorMatches(peer.podSelector!, l))
          )
            add(m, `/spec/ingress/${i}/from/${j}/podSelector`, 'selects no pods of this build');
        }),
      );
    }
    if (m.kind === 'HorizontalPodAutoscaler') {
      const ref = spec.scaleTargetRef as { kind: string; name: string };
      const target = byKindName.get(`${ref.kind}/${ref.name}`);
      if (!target) add(m, '/spec/scaleTargetRef', `${ref.kind}/${ref.name} is not in this build`);
      else hpaTargets.add(objectName(target));
      const metrics = (spec.metrics ?? []) as Array<{ type: string; pods?: { metric: { name: string } } }>;
      metrics.forEach((metric, i) => {
        if (metric.type === 'Pods' && !around.customMetrics.includes(metric.pods!.metric.name))
          add(
            m,
            `/spec/metrics/${i}/pods/metric/name`,
            `no metrics adapter rule serves ${metric.pods!.metric.name}`,
          );
      });
    }
  }

  for (const w of workloads) {
    const m = w.manifest;
    const spec = m.spec as Record<string, unknown>;
    if (m.kind === 'StatefulSet') {
      const svc = byKindName.get(`Service/${String(spec.serviceName)}`);
      const svcSpec = svc?.spec as { clusterIP?: string; selector?: Record<string, string> } | undefined;
      if (!svc) add(m, '/spec/serviceName', `Service ${String(spec.serviceName)} is not in this build`);
      else if (svcSpec?.clusterIP !== 'None')
        add(m, '/spec/serviceName', `Service ${String(spec.serviceName)} is not headless`);
      else if (!svcSpec.selector || !matches(svcSpec.selector, w.labels))
        add(
          m,
          '/spec/serviceName',
          `Service ${String(spec.serviceName)} does not select this StatefulSet's pods`,
        );
    }
    if (hpaTargets.has(objectName(m)) && spec.replicas !== undefined)
      add(
        m,
        '/spec/replicas',
        'set while a HorizontalPodAutoscaler owns the count: every apply would reset it',
      );
    w.containers.forEach((c, i) => {
      const at = `/spec/template/spec/containers/${i}`;
      for (const [j, from] of (c.envFrom ?? []).entries()) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name))
          add(m, `${at}/envFrom/${j}`, `ConfigMap ${from.configMapRef.name} is not in this build`);
        if (from.secretRef && !around.externalSecrets.includes(from.secretRef.name))
          add(
            m,
            `${at}/envFrom/${j}`,
            `Secret ${from.secretRef.name} is neither documented nor made by an operator`,
          );
      }
      for (const [j, env] of (c.env ?? []).entries()) {
        const secret = env.valueFrom?.secretKeyRef?.name;
        if (secret && !around.externalSecrets.includes(secret))
          add(m, `${at}/env/${j}`, `Secret ${secret} is neither documented nor made by an operator`);
      }
      for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
        const get = c[kind]?.httpGet;
        if (!get) continue;
        if (typeof get.port === 'string' && !(c.ports ?? []).some((p) => p.name === get.port))
          add(m, `${at}/${kind}/httpGet/port`, `the container has no port named ${get.port}`);
        const routes = around.routesOf(c);
        const path = (get.path ?? '/').split('?')[0];
        if (routes && !routes.includes(path))
          add(
            m,
            `${at}/${kind}/httpGet/path`,
            `${path} is not a route of ${c.name} (it serves ${routes.join(', ')})`,
          );
      }
    });
  }
  return problems;
}

function workloadOf(m: Manifest): Workload {
  const template = (
    m.spec as {
      template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Container[] } };
    }
  )?.template;
  return {
    manifest: m,
    labels: template?.metadata?.labels ?? {},
    containers: template?.spec?.containers ?? [],
  };
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

function isEmpty(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

function selectorMatches(s: LabelSelector, labels: Record<string, string>): boolean {
  return (
    matches(s.matchLabels ?? {}, labels) &&
    (s.matchExpressions ?? []).every((e) => {
      const has = e.key in labels;
      if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key]);
      if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(labels[e.key]);
      if (e.operator === 'Exists') return has;
      return !has;
    })
  );
}
