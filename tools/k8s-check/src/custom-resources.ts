import Ajv, { type ValidateFunction } from 'ajv';
import type { Manifest, Problem } from './manifest';
import { objectName } from './manifest';

/*
 * Custom resources have no model package. These schemas hold the fields of the CloudNativePG
 * `Cluster` (postgresql.cnpg.io/v1, operator 1.25) that the manifests use or that an operator is
 * likely to add, with their types from the operator's CRD; any other field is refused, so a typo
 * fails here rather than being dropped by the API server's pruning.
 */
const quantity = { type: ['string', 'number'], pattern: '^[0-9.]+([eE][0-9]+|[numkKMGTPE]i?)?$' };
const resources = {
  type: 'object',
  additionalProperties: false,
  properties: {
    requests: { type: 'object', additionalProperties: quantity },
    limits: { type: 'object', additionalProperties: quantity },
  },
};

const cnpgCluster = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'postgresql.cnpg.io/v1' },
    kind: { const: 'Cluster' },
    metadata: { type: 'object', required: ['name'] },
    spec: {
      type: 'object',
      required: ['instances', 'storage'],
      additionalProperties: false,
      properties: {
        instances: { type: 'integer', minimum: 1 },
        imageName: { type: 'string', minLength: 1 },
        primaryUpdateStrategy: { enum: ['unsupervised', 'supervised'] },
        primaryUpdateMethod: { enum: ['switchover', 'restart'] },
        enableSuperuserAccess: { type: 'boolean' },
        bootstrap: {
          type: 'object',
          additionalProperties: false,
          properties: {
            initdb: {
              type: 'object',
              additionalProperties: false,
              properties: {
                database: { type: 'string', minLength: 1 },
                owner: { type: 'string', minLength: 1 },
                secret: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
              },
            },
          },
        },
        postgresql: {
          type: 'object',
          additionalProperties: false,
          properties: {
            // The operator passes these to postgresql.conf as strings.
            parameters: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
        storage: {
          type: 'object',
          required: ['size'],
          additionalProperties: false,
          properties: { size: quantity, storageClass: { type: 'string' } },
        },
        walStorage: {
          type: 'object',
          required: ['size'],
          additionalProperties: false,
          properties: { size: quantity, storageClass: { type: 'string' } },
        },
        affinity: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enablePodAntiAffinity: { type: 'boolean' },
            topologyKey: { type: 'string' },
            podAntiAffinityType: { enum: ['preferred', 'required'] },
          },
        },
        monitoring: {
          type: 'object',
          additionalProperties: false,
          properties: { enablePodMonitor: { type: 'boolean' } },
        },
        resources,
      },
    },
  },
};

const SCHEMAS: Record<string, object> = { 'postgresql.cnpg.io/v1/Cluster': cnpgCluster };

let compiled: Map<string, ValidateFunction> | undefined;

/** Checks a custom resource this repository uses; undefined for one it has no schema of. */
export function validateCustomResource(m: Manifest): Problem[] | undefined {
  compiled ??= new Map(
    Object.entries(SCHEMAS).map(([k, s]) => [k, new Ajv({ allErrors: true, strict: false }).compile(s)]),
  );
  const validate = compiled.get(`${String(m.apiVersion)}/${String(m.kind)}`);
  if (!validate) return undefined;
  if (validate(m)) return [];
  return (validate.errors ?? []).map((e) => ({
    object: objectName(m),
    path:
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${String(e.params.additionalProperty)}`
        : e.instancePath,
    message:
      e.keyword === 'additionalProperties'
        ? 'unknown field (not in the schema of this resource)'
        : (e.message ?? 'invalid'),
  }));
}
