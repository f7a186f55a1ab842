import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SNOWFLAKE } from './envelope';

/**
 * Facts the roles service publishes on DOMAIN as `roles.<guildId>.<event>`, e.g.
 * `roles.123.request_refused`. One member's request to change self-assignable roles, and what
 * became of it. Level rewards and enforcement produce requests too (origin `reward`, `enforce`).
 */
export const RolesEventType = {
  RequestAccepted: 'roles.request_accepted',
  RequestRefused: 'roles.request_refused',
  RequestApplied: 'roles.request_applied',
  RequestFailed: 'roles.request_failed',
} as const;

export const ROLE_REQUEST_ORIGINS = ['web', 'discord', 'reward', 'enforce'] as const;
export type RoleRequestOrigin = (typeof ROLE_REQUEST_ORIGINS)[number];

export class RoleOperation {
  @IsString() @MaxLength(300) opId!: string;
  @Matches(SNOWFLAKE) roleId!: string;
  @IsIn(['add', 'remove']) kind!: 'add' | 'remove';
}

/** Why one role of a request was refused, or why its change failed. */
export class RoleProblem {
  @Matches(SNOWFLAKE) roleId!: string;
  @IsString() @MaxLength(400) reason!: string;
}

class RoleRequestBase {
  @IsString() @MaxLength(200) requestId!: string;
  @Matches(SNOWFLAKE) userId!: string;
  @IsIn(ROLE_REQUEST_ORIGINS) origin!: RoleRequestOrigin;
}

/** The request passed every check; `operations` are the role actions issued (possibly none). */
export class RolesRequestAccepted extends RoleRequestBase {
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => RoleOperation)
  operations!: RoleOperation[];
}

/** Nothing was issued; each refused role says why. */
export class RolesRequestRefused extends RoleRequestBase {
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => RoleProblem)
  refusals!: RoleProblem[];
}

export class RolesRequestApplied extends RoleRequestBase {}

export class RolesRequestFailed extends RoleRequestBase {
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => RoleProblem)
  failures!: RoleProblem[];
}
