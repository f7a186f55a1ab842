import {
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { EnvelopeOf, EventCatalogue, EventType } from './catalogue';

/** A Discord snowflake: a decimal id of up to 20 digits. */
export const SNOWFLAKE = /^\d{1,20}$/;

/**
 * Every message on every stream is one of these. `id` is stable for the same real-world fact
 * (a Discord message id, an interaction id, `guild:user:joinedAt`) and doubles as the
 * `Nats-Msg-Id`, so the stream and each service's inbox drop duplicates.
 */
export interface Envelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  guildId: string;
  occurredAt: string;
  source: string;
  correlationId?: string;
  causationId?: string;
  data: T;
}

export class EnvelopeShape implements Envelope<Record<string, unknown>> {
  @IsString() @IsNotEmpty() @MaxLength(200) id!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) type!: string;
  @IsInt() @Min(1) @Max(1000) version!: number;
  @Matches(SNOWFLAKE, { message: 'guildId must be a Discord snowflake' }) guildId!: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) source!: string;
  @IsOptional() @IsString() @MaxLength(200) correlationId?: string;
  @IsOptional() @IsString() @MaxLength(200) causationId?: string;
  @IsObject() data!: Record<string, unknown>;
}

export interface NewEnvelope<T> {
  id: string;
  type: string;
  version?: number;
  guildId: string;
  occurredAt: Date | string;
  source: string;
  correlationId?: string;
  causationId?: string;
  data: T;
}

/** What `event()` needs besides the type: its `data` is the catalogue's for that type. */
export type NewEvent<K extends EventType> = Omit<NewEnvelope<EventCatalogue[K]>, 'type'>;

/**
 * Builds a catalogued envelope: `data` is checked against the type at compile time, and the
 * result narrows like any consumed envelope. Prefer it to `envelope()`, which is for what the
 * catalogue does not hold (a test's deliberately wrong envelope).
 */
export function event<K extends EventType>(type: K, e: NewEvent<K>): EnvelopeOf<K> {
  // TypeScript does not resolve the distributive EnvelopeOf for a generic K; for one K it is this.
  return build(type, e) as EnvelopeOf<K>;
}

/** Builds an envelope with the defaults filled in; `occurredAt` is normalised to ISO-8601. */
export function envelope<T>(e: NewEnvelope<T>): Envelope<T> {
  return build(e.type, e);
}

function build<K extends string, T>(type: K, e: Omit<NewEnvelope<T>, 'type'>): Envelope<T> & { type: K } {
  const out: Envelope<T> & { type: K } = {
    id: e.id,
    type,
    version: e.version ?? 1,
    guildId: e.guildId,
    occurredAt: typeof e.occurredAt === 'string' ? e.occurredAt : e.occurredAt.toISOString(),
    source: e.source,
    data: e.data,
  };
  if (e.correlationId !== undefined) out.correlationId = e.correlationId;
  if (e.causationId !== undefined) out.causationId = e.causationId;
  return out;
}
