import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ServiceClaims } from './service-token';

// Route decorators, enforced by the global AuthGuard. Without any of them a route needs a valid
// token, and when it has a :guildId param the token must be for that guild.
export const PUBLIC_KEY = 'guildhall:public';
export const REQUIRED_ROLE_KEY = 'guildhall:required-role';
export const SELF_PARAM_KEY = 'guildhall:self-param';
/** Where the guard leaves the verified claims on the request. */
export const CLAIMS_KEY = Symbol('guildhall:claims');

/** Anonymous callers allowed; a token that is sent must still be valid. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}

/** 'moderator' admits moderators and owners; 'owner' admits owners only. */
export function RequireRole(role: 'moderator' | 'owner'): MethodDecorator & ClassDecorator {
  return SetMetadata(REQUIRED_ROLE_KEY, role);
}

/** The route param (`userId` by default) must be the caller's own id, unless a moderator or owner calls. */
export function SelfOrModerator(param = 'userId'): MethodDecorator {
  return SetMetadata(SELF_PARAM_KEY, param);
}

export type RequestWithClaims = { [CLAIMS_KEY]?: ServiceClaims };

/** The verified ServiceClaims; undefined only on a @Public route called anonymously. */
export const Claims: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ServiceClaims | undefined =>
    ctx.switchToHttp().getRequest<RequestWithClaims>()[CLAIMS_KEY],
);
