import { ComponentType, type APIMessage } from 'discord-api-types/v10';
import type { SimControl } from '../control/sim-control';
import type { SeededRandom } from './seeded-random';

/** The prefix of the bot's "I Agree" button (onboarding's `onboarding:agree`). */
export const AGREE_PREFIX = 'onboarding:agree';

export interface AgreementOptions {
  /** Share of newcomers who press I Agree at all. */
  share: number;
  /** A human-like delay before they do, drawn uniformly from [min, max] ms. */
  minDelayMs: number;
  maxDelayMs: number;
}

/** How long to look again when the rules message is not up yet (the server is not set up). */
const RETRY_MS = 15_000;

/**
 * Demo members who read the rules message and press its "I Agree" button, a while after they
 * joined. The button is found by its custom id prefix on the bot's latest message in any of the
 * guild's channels, so whichever channel a moderator chose for the rules works.
 */
export class DemoAgreements {
  private readonly due: { userId: string; at: number }[] = [];
  clicks = 0;

  constructor(
    private readonly host: SimControl,
    private readonly guildId: string,
    private readonly random: SeededRandom,
    private readonly options: AgreementOptions,
  ) {}

  /** A member who will (maybe) agree some time after `now`. */
  expect(userId: string, now = Date.now()): void {
    if (!this.random.chance(this.options.share)) return;
    const span = Math.max(0, this.options.maxDelayMs - this.options.minDelayMs);
    this.due.push({ userId, at: now + this.options.minDelayMs + this.random.int(span + 1) });
  }

  /** Presses the button for everyone whose time has come; called from the demo's tick. */
  tick(now = Date.now()): void {
    const ready = this.due.filter((d) => d.at <= now);
    if (ready.length === 0) return;
    const found = this.rulesButton();
    for (const d of ready) {
      if (!found) {
        d.at = now + RETRY_MS;
        continue;
      }
      this.due.splice(this.due.indexOf(d), 1);
      this.press(d.userId, found.message, found.customId);
    }
  }

  private press(userId: string, message: APIMessage, customId: string): void {
    try {
      // Not waiting for the answer: a person clicks and moves on; the bot's reply is theirs to read.
      this.host
        .clickComponent({
          guildId: this.guildId,
          channelId: message.channel_id,
          userId,
          messageId: message.id,
          customId,
          componentType: ComponentType.Button,
          waitMs: 0,
        })
        .then(
          () => this.clicks++,
          () => undefined,
        );
    } catch {
      // They left in the meantime.
    }
  }

  private rulesButton(): { message: APIMessage; customId: string } | null {
    const guild = this.host.getGuild(this.guildId, false);
    let best: { message: APIMessage; customId: string } | null = null;
    for (const channel of guild.channels) {
      for (const message of this.host.channelMessages(this.guildId, channel.id)) {
        const customId = agreeButtonOf(message);
        if (customId && (best === null || BigInt(message.id) > BigInt(best.message.id)))
          best = { message, customId };
      }
    }
    return best;
  }
}

function agreeButtonOf(message: APIMessage): string | null {
  for (const row of message.components ?? []) {
    if (!('components' in row)) continue;
    for (const c of row.components as { custom_id?: string }[])
      if (c.custom_id?.startsWith(AGREE_PREFIX)) return c.custom_id;
  }
  return null;
}
