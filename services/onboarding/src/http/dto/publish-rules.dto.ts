import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { RULE_ID } from '@guildhall/contracts';

export class QuestionDto {
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'id must be a short slug (a-z, 0-9, -)' }) id!: string;
  @IsString() @MinLength(1) @MaxLength(300) prompt!: string;
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  choices!: string[];
  /** Index into choices; rules.ts checks it is in range. */
  @IsInt() @Min(0) answer!: number;
  @IsOptional() @IsString() @MaxLength(500) explanation?: string;
}

export class RuleDto {
  @Matches(RULE_ID, { message: 'id must be a short slug (a-z, 0-9, -)' }) id!: string;
  /** An embed field name holds 256 characters; a title should be far shorter anyway. */
  @IsString() @MinLength(1) @MaxLength(100) title!: string;
  /** An embed field value holds at most 1024 characters. */
  @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) lesson?: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];
}

/** Publishes a new version of the guild's rules. */
export class PublishRulesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules!: RuleDto[];
  /** Whether members who agreed to an earlier version must agree again (always, when the setup has reagreeOnNewVersion). */
  @IsBoolean() requiresReagreement!: boolean;
}
