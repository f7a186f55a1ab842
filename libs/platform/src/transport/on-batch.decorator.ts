import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { KitConsumerOptions } from '../kit/service-kit';
import { KeepErrors } from './keep-errors.filter';

/** A consumer's settings as a handler declares them; the handler itself is the method. */
export type BatchOptions = Omit<KitConsumerOptions, 'name' | 'handle'>;

/** Fixed settings, or settings read from the service's configuration when the consumers start. */
export type BatchOptionsSource<S = never> = BatchOptions | ((settings: S) => BatchOptions);

/**
 * Declares a method as the handler of durable consumer `consumer` on JetStream: it receives
 * each batch (`@Payload()`, stream order, validated, duplicates removed) and a BatchContext
 * (`@Ctx()`) whose transaction commits its effects with the consumer's checkpoint. Errors it
 * throws reach the consumer as they are (KeepErrors).
 */
export const OnBatch = <S = never>(consumer: string, options: BatchOptionsSource<S>): MethodDecorator =>
  applyDecorators(EventPattern(consumer, { batch: options }), UseFilters(KeepErrors));
