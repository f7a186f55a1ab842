import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Claims, SelfOrModerator, type ServiceClaims } from '@guildhall/platform';
import { loadCatalog } from '../projections/catalog.projection';
import { loadGuild } from '../projections/guilds.projection';
import { expectedRoles, loadMember } from '../projections/members.projection';
import { loadRequests } from '../projections/requests.projection';
import { RoleRequestDto } from './request.dto';
import { ROLES_RUNTIME, RolesRuntime, RolesService } from './roles.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,64}$/;

@Controller('guilds/:guildId/members/:userId')
export class MembersController {
  constructor(
    private readonly roles: RolesService,
    @Inject(ROLES_RUNTIME) private readonly rt: RolesRuntime,
  ) {}

  /** The member's roles as Discord has them, what we want them to have, and what is in flight. */
  @Get('roles')
  @SelfOrModerator()
  async memberRoles(@Param('guildId') guildId: string, @Param('userId') userId: string) {
    const s = this.rt.ctx.schema;
    const [member, catalog, guild] = await Promise.all([
      loadMember(this.rt.pool, s, guildId, userId),
      loadCatalog(this.rt.pool, s, guildId),
      loadGuild(this.rt.pool, s, guildId),
    ]);
    const expected = expectedRoles(member);
    return {
      userId,
      level: member.level,
      rulesAgreed: member.rulesVersion !== null && member.rulesVersion >= guild.rulesVersionRequired,
      roles: member.actual ? [...member.actual] : null,
      desired: member.desired,
      inFlight: [...member.inFlight].map(([roleId, op]) => ({ roleId, ...op })),
      catalogRoles: [...catalog.roles.keys()].filter((id) => expected.has(id)),
    };
  }

  /**
   * The member themself only (a moderator may not choose for them). 202 with the request and the
   * role actions issued; 409 with each refused role's reason when nothing was issued.
   */
  @Post('requests')
  @HttpCode(202)
  async request(
    @Param('guildId') guildId: string,
    @Param('userId') userId: string,
    @Claims() claims: ServiceClaims,
    @Body() dto: RoleRequestDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (claims.sub !== userId) throw new ForbiddenException('members may only request roles for themselves');
    const add = dto.add ?? [];
    const remove = dto.remove ?? [];
    if (add.length + remove.length === 0)
      throw new BadRequestException('add or remove must name at least one role');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new BadRequestException('Idempotency-Key must be 1-64 letters, digits, "-" or "_"');
    const requestId = idempotencyKey ? `web:${guildId}:${userId}:${idempotencyKey}` : `web:${randomUUID()}`;
    const outcome = await this.roles.request(guildId, userId, requestId, add, remove);
    if (outcome.status === 'refused')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: outcome.refusals.map((r) => `${r.roleId}: ${r.reason}`),
        ...outcome,
      });
    return {
      ...outcome,
      requestIds: [outcome.requestId],
      status: outcome.operations.length === 0 ? 'applied' : 'pending',
    };
  }

  @Get('requests')
  @SelfOrModerator()
  async requests(@Param('guildId') guildId: string, @Param('userId') userId: string) {
    return { requests: await loadRequests(this.rt.pool, this.rt.ctx.schema, guildId, userId) };
  }

  @Get('requests/:requestId')
  @SelfOrModerator()
  async oneRequest(
    @Param('guildId') guildId: string,
    @Param('userId') userId: string,
    @Param('requestId') requestId: string,
  ) {
    const [request] = await loadRequests(this.rt.pool, this.rt.ctx.schema, guildId, userId, 1, requestId);
    if (!request) throw new NotFoundException(`no request ${requestId}`);
    return request;
  }
}
