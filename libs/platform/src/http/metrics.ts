import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

let registry: Registry | undefined;

/** The process's one registry, created on first use so importing this file starts nothing. */
function processRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

/**
 * Service metrics, served by GET /metrics. Asking twice for the same name returns the metric
 * registered first, so a module built twice in one process (tests) does not throw.
 */
export const metrics = {
  registry: processRegistry,

  counter<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    const existing = processRegistry().getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter<L>({ name, help, labelNames, registers: [processRegistry()] });
  },

  gauge<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    const existing = processRegistry().getSingleMetric(name);
    if (existing) return existing as Gauge<L>;
    return new Gauge<L>({ name, help, labelNames, registers: [processRegistry()] });
  },

  /** Buckets default to prom-client's, which suit request latencies in seconds. */
  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    const existing = processRegistry().getSingleMetric(name);
    if (existing) return existing as Histogram<L>;
    return new Histogram<L>({
      name,
      help,
      labelNames,
      registers: [processRegistry()],
      ...(buckets ? { buckets } : {}),
    });
  },
};
