import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';
import type { XpPolicy } from '../domain/policy';

export class AmountDto {
  @IsIn(['fixed', 'random']) kind!: 'fixed' | 'random';
  @ValidateIf((a: AmountDto) => a.kind === 'fixed') @IsInt() @Min(0) @Max(1000) xp?: number;
  @ValidateIf((a: AmountDto) => a.kind === 'random') @IsInt() @Min(0) @Max(1000) min?: number;
  @ValidateIf((a: AmountDto) => a.kind === 'random') @IsInt() @Min(0) @Max(1000) max?: number;
}

export class MultiplierDto {
  @Matches(SNOWFLAKE, { message: 'id must be a Discord snowflake' }) id!: string;
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10) multiplier!: number;
}

export class LevelUpMessageDto {
  @IsBoolean() enabled!: boolean;
  @IsOptional() @Matches(SNOWFLAKE, { message: 'channelId must be a Discord snowflake' }) channelId?: string;
  @IsString() @MaxLength(500) template!: string;
}

/** PUT body: the whole policy (a replace, recorded as a new version). */
export class PolicyDto {
  @ValidateNested() @Type(() => AmountDto) amount!: AmountDto;
  @IsInt() @Min(0) @Max(86_400) cooldownSeconds!: number;
  @IsIn(['sqrt', 'step']) curve!: 'sqrt' | 'step';
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => MultiplierDto)
  roleMultipliers!: MultiplierDto[];
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MultiplierDto)
  channelMultipliers!: MultiplierDto[];
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(SNOWFLAKE, { each: true, message: 'noXpChannels must hold Discord snowflakes' })
  noXpChannels!: string[];
  @ValidateNested() @Type(() => LevelUpMessageDto) levelUpMessage!: LevelUpMessageDto;
}

/** DTO → domain policy; the one check class-validator cannot express across fields. */
export function toPolicy(dto: PolicyDto): XpPolicy | { error: string } {
  const a = dto.amount;
  if (a.kind === 'random' && (a.min as number) > (a.max as number))
    return { error: 'amount.min must not exceed amount.max' };
  const byId = (list: MultiplierDto[]) => Object.fromEntries(list.map((m) => [m.id, m.multiplier]));
  const levelUp = dto.levelUpMessage;
  return {
    amount:
      a.kind === 'fixed'
        ? { kind: 'fixed', xp: a.xp as number }
        : { kind: 'random', min: a.min as number, max: a.max as number },
    cooldownSeconds: dto.cooldownSeconds,
    curve: dto.curve,
    roleMultipliers: byId(dto.roleMultipliers),
    channelMultipliers: byId(dto.channelMultipliers),
    noXpChannels: [...new Set(dto.noXpChannels)],
    levelUpMessage: {
      enabled: levelUp.enabled,
      template: levelUp.template,
      ...(levelUp.channelId ? { channelId: levelUp.channelId } : {}),
    },
  };
}

/** Domain policy → the same shape the PUT accepts, so a client can GET, edit and PUT back. */
export function fromPolicy(p: XpPolicy) {
  const list = (m: Record<string, number>) =>
    Object.entries(m).map(([id, multiplier]) => ({ id, multiplier }));
  return { ...p, roleMultipliers: list(p.roleMultipliers), channelMultipliers: list(p.channelMultipliers) };
}
