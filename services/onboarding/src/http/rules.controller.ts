import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Claims, RequireRole, type ServiceClaims } from '@guildhall/platform';
import { PublishRulesDto } from './dto/publish-rules.dto';
import { RuleIdPipe } from './rule-id.pipe';
import { RulesService } from './rules.service';

@Controller('guilds/:guildId')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get('rules')
  get(@Param('guildId') guildId: string) {
    return this.rules.rules(guildId);
  }

  /** Moderators: every rule with its lesson and full quiz, right answers included, for the rules editor. */
  @Get('rules/editable')
  @RequireRole('moderator')
  editable(@Param('guildId') guildId: string) {
    return this.rules.editable(guildId);
  }

  /** Publishes a new version; the body says whether members must agree again. */
  @Put('rules')
  @RequireRole('moderator')
  publish(@Param('guildId') guildId: string, @Body() body: PublishRulesDto, @Claims() claims: ServiceClaims) {
    return this.rules.publish(guildId, body, claims.sub);
  }

  @Get('lessons')
  lessons(@Param('guildId') guildId: string) {
    return this.rules.lessons(guildId);
  }

  /** Questions and choices only: answers are checked on the server after submission. */
  @Get('quizzes/:ruleId')
  quiz(@Param('guildId') guildId: string, @Param('ruleId', RuleIdPipe) ruleId: string) {
    return this.rules.quiz(guildId, ruleId);
  }
}
