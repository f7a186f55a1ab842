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

/** Builds an envelope with the defaults filled in; `occurredAt` is normalised to ISO-8601. */
export function envelope<T>(e: NewEnvelope<T>): Envelope<T> {
  const out: Envelope<T> = {
    id: e.id,
    type: e.type,
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
