import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { RequireRole, SelfOrModerator } from '@guildhall/platform';
import { FunnelQueryDto } from './dto/funnel-query.dto';
import { QuizAttemptDto } from './dto/quiz-attempt.dto';
import { MemberProgressService } from './member-progress.service';
import { QuizAttemptsService } from './quiz-attempts.service';
import { RuleIdPipe } from './rule-id.pipe';

@Controller('guilds/:guildId')
export class MembersController {
  constructor(
    private readonly attempts: QuizAttemptsService,
    private readonly progress: MemberProgressService,
  ) {}

  /** Grades the answers and returns the result; points count once per rule. */
  @Post('members/:userId/quizzes/:ruleId/attempts')
  @SelfOrModerator()
  attempt(
    @Param('guildId') guildId: string,
    @Param('userId') userId: string,
    @Param('ruleId', RuleIdPipe) ruleId: string,
    @Body() body: QuizAttemptDto,
  ) {
    return this.attempts.attempt(guildId, userId, ruleId, body);
  }

  @Get('members/:userId/progress')
  @SelfOrModerator()
  memberProgress(@Param('guildId') guildId: string, @Param('userId') userId: string) {
    return this.progress.progress(guildId, userId);
  }

  @Get('members/:userId/status')
  @SelfOrModerator()
  status(@Param('guildId') guildId: string, @Param('userId') userId: string) {
    return this.progress.status(guildId, userId);
  }

  /** joined → agreed → quiz completed, with counts, rates and median times. */
  @Get('funnel')
  @RequireRole('moderator')
  funnel(@Param('guildId') guildId: string, @Query() query: FunnelQueryDto) {
    return this.progress.funnel(guildId, query.from, query.to);
  }
}
