import type { RateLimit } from '@guildhall/platform';

/**
 * A member's own role requests (web and /roles) become Discord REST calls in the guild's rate
 * limit bucket, which level rewards and every other member share. Ten a minute is more than a
 * person clicking through a picker makes; a guild-wide cap keeps a swarm of accounts (each under
 * its own limit) from filling the bucket for minutes.
 */
export interface RequestLimits {
  perMember: RateLimit;
  perGuild: RateLimit;
}

export const requestLimits = (perMember = 10, perGuild = 300): RequestLimits => ({
  perMember: { what: 'role requests', per: 'member', max: perMember, windowSeconds: 60 },
  perGuild: { what: 'role requests', per: 'guild', max: perGuild, windowSeconds: 60 },
});
