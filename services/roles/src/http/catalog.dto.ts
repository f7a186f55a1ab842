import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

export class CategoryDto {
  @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @IsOptional() @IsString() @MaxLength(200) description?: string;
  @IsOptional() @IsBoolean() exclusive?: boolean;
  /** null or absent: no limit. A select menu holds at most 25 options. */
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(1) @Max(25) maxRoles?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}

export class CatalogRoleBodyDto {
  @IsString() @MinLength(1) @MaxLength(100) categoryId!: string;
  /** Defaults to the Discord role's name. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) label?: string;
  @IsOptional() @IsString() @MaxLength(100) description?: string;
  /** A unicode emoji or a custom one as `<:name:id>`. */
  @IsOptional() @IsString() @MaxLength(64) emoji?: string;
  @IsOptional() @IsInt() @Min(0) @Max(1000) minLevel?: number;
  @IsOptional() @IsBoolean() requiresRules?: boolean;
}

export class CatalogRoleDto extends CatalogRoleBodyDto {
  @Matches(SNOWFLAKE, { message: 'roleId must be a Discord snowflake' }) roleId!: string;
}
