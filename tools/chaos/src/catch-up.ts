import type { DiscordCallLog } from './discord-call-log';
import { expectedCalls, type CommunityRules } from './expected-calls';
import type { SteadyLoad } from './steady-load';
import type { XpLedgerReader } from './xp-ledger-reader';

/** Whether the platform has done everything the load asked of it so far, and how far it is. */
export class CatchUp {
  private summary = 'nothing read yet';
  private waitingFor: string[] = [];

  constructor(
    private readonly load: SteadyLoad,
    private readonly ledger: XpLedgerReader,
    private readonly calls: DiscordCallLog,
    private readonly rules: CommunityRules,
  ) {}

  /** Every message said so far is in xp's ledger and every Discord call they and the joins imply was made. */
  async done(): Promise<boolean> {
    const reachable = await this.ledger.refresh();
    this.calls.refresh();
    const applied = this.ledger.hasSource();
    const made = new Set(this.calls.all.map((c) => c.key));
    const messages = this.load.messages;
    const expected = expectedCalls(messages, this.load.joins, this.rules);
    const unapplied = messages.filter((m) => !applied(m.id));
    const unmade = expected.filter((e) => !made.has(e.key));
    this.waitingFor = [
      ...unapplied.map((m) => `message ${m.id} of ${m.userId}`),
      ...unmade.map((e) => e.key),
    ];
    const appliedCount = messages.length - unapplied.length;
    const madeCount = expected.length - unmade.length;
    this.summary =
      `said ${messages.length}, in xp's ledger ${appliedCount}${reachable ? '' : ' (Postgres unreachable)'}, ` +
      `Discord calls ${madeCount}/${expected.length}`;
    return appliedCount === messages.length && madeCount === expected.length;
  }

  get status(): string {
    return this.summary;
  }

  /** What the platform still owes, the first few: to name it when it never comes. */
  get missing(): string {
    const shown = this.waitingFor.slice(0, 5).join('; ');
    return this.waitingFor.length > 5 ? `${shown}; and ${this.waitingFor.length - 5} more` : shown;
  }
}
