// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import { contractRegistry } from '@guildhall/contracts';

const registry = contractRegistry();

/** Every translation must pass the same validation its consumers apply. */
export function expectValidContract(envelope: unknown): void {
  const parsed = registry.parse(JSON.parse(JSON.stringify(envelope)));
  expect(parsed).toEqual(expect.objectContaining({ ok: true }));
}
