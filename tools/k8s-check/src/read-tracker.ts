export interface TrackedValue {
  /** Stands in for the object: reads through it are recorded. */
  value: unknown;
  /** JSON pointers of the fields nothing read, in objects whose keys nothing enumerated. */
  unreadFields(): string[];
}

interface Visit {
  path: string;
  target: Record<string, unknown>;
  read: Set<string>;
  /** A map (labels, ConfigMap data, resource quantities): its validator walks every key. */
  enumerated: boolean;
}

/**
 * Wraps a parsed YAML value so that a schema validator's reads are recorded. A generated
 * validator reads exactly the properties its schema declares and enumerates the keys of maps
 * only, so a key of a non-map object that it never read is a field the schema does not have.
 */
export function trackReads(root: unknown): TrackedValue {
  const visits: Visit[] = [];
  const cache = new WeakMap<object, unknown>();

  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const hit = cache.get(value);
    if (hit) return hit;
    let proxy: unknown;
    if (Array.isArray(value)) {
      proxy = new Proxy(value, {
        get: (t, key, receiver) =>
          typeof key === 'string' && /^\d+$/.test(key)
            ? wrap(t[Number(key)], `${path}/${key}`)
            : Reflect.get(t, key, receiver),
      });
    } else {
      const visit: Visit = {
        path,
        target: value as Record<string, unknown>,
        read: new Set(),
        enumerated: false,
      };
      visits.push(visit);
      proxy = new Proxy(value as Record<string, unknown>, {
        get: (t, key, receiver) => {
          if (typeof key !== 'string') return Reflect.get(t, key, receiver);
          visit.read.add(key);
          return wrap(t[key], `${path}/${escape(key)}`);
        },
        has: (t, key) => {
          if (typeof key === 'string') visit.read.add(key);
          return Reflect.has(t, key);
        },
        ownKeys: (t) => {
          visit.enumerated = true;
          return Reflect.ownKeys(t);
        },
      });
    }
    cache.set(value, proxy);
    return proxy;
  };

  return {
    value: wrap(root, ''),
    unreadFields: () =>
      visits
        .filter((v) => !v.enumerated)
        .flatMap((v) =>
          Object.keys(v.target)
            .filter((k) => !v.read.has(k))
            .map((k) => `${v.path}/${escape(k)}`),
        ),
  };
}

/** JSON pointer escaping (RFC 6901), so `app.kubernetes.io/name` stays one segment. */
function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
