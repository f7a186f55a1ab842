import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { IsBoolean, IsOptional } from 'class-validator';
import {
  ConfigHistoryPage,
  historyPage,
  orThrow,
  parseHistoryQuery,
  parseSetting,
  parseVersion,
  RestoreResult,
  revalidate,
  unknownVersionMessage,
} from '@guildhall/config-history';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { rulesChanges } from '../domain/rules-changes';
import { setupChanges } from '../domain/setup-changes';
import { RULES_BASELINE, SettingsHistory } from '../projections/settings-history';
import { PublishRulesDto } from './dto/publish-rules.dto';
import { UpdateSetupDto } from './dto/update-setup.dto';
import { GuildTransactions } from './guild-transaction';
import { RulesService } from './rules.service';
import { SetupService } from './setup.service';

const SETTINGS = ['rules', 'onboarding'] as const;
const badRequest = (m: string) => new BadRequestException(m);

export class RestoreDto {
  /** Rules only: whether members must agree again to the restored text (default: no). */
  @IsOptional() @IsBoolean() requiresReagreement?: boolean;
}

/** The history of the rules and of the onboarding settings, and restoring an earlier version as a new one. */
@Controller('guilds/:guildId/history/:setting')
@RequireRole('moderator')
export class HistoryController {
  constructor(
    private readonly tx: GuildTransactions,
    private readonly history: SettingsHistory,
    private readonly rules: RulesService,
    private readonly setup: SetupService,
  ) {}

  @Get()
  async page(
    @Param('guildId') guildId: string,
    @Param('setting') setting: string,
    @Query('limit') limit?: string,
    @Query('before') before?: string,
  ): Promise<ConfigHistoryPage> {
    const name = orThrow(parseSetting(setting, SETTINGS), (m) => new NotFoundException(m));
    const query = orThrow(parseHistoryQuery({ limit, before }), (m) => new BadRequestException(m));
    const db = this.tx.db;
    if (name === 'rules') {
      const [current, rows] = await Promise.all([
        this.rules.current(guildId),
        this.history.rules(db, guildId, query.before, query.limit + 1),
      ]);
      return historyPage({
        setting: name,
        current: current.version,
        rows,
        limit: query.limit,
        baseline: RULES_BASELINE,
        diff: rulesChanges,
      });
    }
    const current = await this.history.setupVersionCount(db, guildId);
    const { rows, baseline } = await this.history.setup(
      db,
      guildId,
      Math.min(query.before ?? current + 1, current + 1),
      query.limit,
    );
    return historyPage({
      setting: name,
      current,
      rows,
      limit: query.limit,
      baseline,
      diff: (b, a) => setupChanges(b.standing, a.settings),
    });
  }

  /** The chosen version goes through the same validation and side effects as a moderator's save. */
  @Post(':version/restore')
  @HttpCode(201)
  async restore(
    @Param('guildId') guildId: string,
    @Param('setting') setting: string,
    @Param('version') rawVersion: string,
    @Body() body: RestoreDto,
    @Claims() claims: ServiceClaims,
  ): Promise<RestoreResult<unknown>> {
    const name = orThrow(parseSetting(setting, SETTINGS), (m) => new NotFoundException(m));
    const version = orThrow(parseVersion(rawVersion), (m) => new BadRequestException(m));
    const notFound = () => new NotFoundException(unknownVersionMessage(name, version));
    if (name === 'rules') {
      const stored = await this.history.rulesVersion(this.tx.db, guildId, version);
      if (!stored) throw notFound();
      const dto = orThrow(
        revalidate(PublishRulesDto, {
          rules: stored.rules,
          requiresReagreement: body.requiresReagreement ?? false,
        }),
        badRequest,
      );
      const saved = await this.rules.publish(guildId, dto, claims.sub, version);
      return { setting: name, version: saved.version, restoredFrom: version, value: saved };
    }
    const settings = await this.history.setupVersion(this.tx.db, guildId, version);
    if (!settings) throw notFound();
    const saved = await this.setup.update(
      guildId,
      orThrow(revalidate(UpdateSetupDto, { ...settings }), badRequest),
      claims.sub,
      version,
    );
    const count = await this.history.setupVersionCount(this.tx.db, guildId);
    return { setting: name, version: count, restoredFrom: version, value: saved };
  }
}
