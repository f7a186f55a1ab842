import {
  BadRequestException,
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SNOWFLAKE } from '@guildhall/contracts';
import type { Request } from 'express';
import { KIT, type PlatformKit } from '../kit/kit-token';
import { CLAIMS_KEY, PUBLIC_KEY, REQUIRED_ROLE_KEY, RequestWithClaims, SELF_PARAM_KEY } from './route-access';
import { Role, ServiceClaims, ServiceTokenError, verifyServiceToken } from './service-token';

/** Route params that always hold Discord ids. */
const SNOWFLAKE_PARAMS = ['guildId', 'userId'];
const RANK: Record<Role, number> = { member: 0, moderator: 1, owner: 2 };

/**
 * Global guard. Order matters: authenticate (401) before looking at the URL, so an anonymous
 * caller learns nothing about which ids exist; then malformed ids (400); then authorise (403).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(KIT) private readonly kit: PlatformKit,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & RequestWithClaims>();
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;

    const token = bearerToken(req);
    if (token === undefined && !isPublic)
      throw new UnauthorizedException('a Bearer service token is required');
    const claims = token === undefined ? undefined : this.verify(token);
    if (claims) req[CLAIMS_KEY] = claims;

    const params = (req.params ?? {}) as Record<string, string | undefined>;
    for (const name of SNOWFLAKE_PARAMS) {
      const value = params[name];
      if (value !== undefined && !SNOWFLAKE.test(value))
        throw new BadRequestException(`${name} must be a Discord snowflake`);
    }
    if (isPublic || !claims) return true;

    if (params.guildId !== undefined && params.guildId !== claims.guildId)
      throw new ForbiddenException('token is for another guild');
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE_KEY, targets);
    if (required && RANK[claims.role] < RANK[required])
      throw new ForbiddenException(`requires role ${required}`);
    const selfParam = this.reflector.get<string | undefined>(SELF_PARAM_KEY, ctx.getHandler());
    if (selfParam !== undefined && RANK[claims.role] < RANK.moderator) {
      const target = params[selfParam];
      // A decorator naming a param the route lacks is a wiring bug; refuse rather than allow.
      if (target === undefined)
        throw new Error(`@SelfOrModerator('${selfParam}') on a route without :${selfParam}`);
      if (target !== claims.sub) throw new ForbiddenException('members may only act on their own data');
    }
    return true;
  }

  private verify(token: string): ServiceClaims {
    try {
      return verifyServiceToken(this.kit.config.authSecret, token, this.kit.config.service);
    } catch (e) {
      if (e instanceof ServiceTokenError)
        throw new UnauthorizedException(`invalid service token: ${e.message}`);
      throw e;
    }
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!match) throw new UnauthorizedException('Authorization header must be "Bearer <token>"');
  return match[1];
}
