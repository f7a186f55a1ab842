import { guildSynced, OnboardingTestEnv } from './onboarding-test-env';

jest.setTimeout(60_000);

/**
 * The attack: a moderator of their own server points the rules channel (posted to at once, with
 * its buttons) or the welcome channel (posted to on every join, with their own text) at a channel
 * of a large server that also has the bot. Onboarding knows both servers, so each id must be
 * checked against the moderator's own guild, whatever that guild reports.
 */
const OWN = '100000000000000701';
const VICTIM = '100000000000000702';
const OWN_RULES = '200000000000000701';
const VICTIM_CHANNEL = '200000000000000702';
const MOD = '500000000000000701';

describe("onboarding: setup names only its own guild's channels", () => {
  const t = new OnboardingTestEnv();
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());
  const mod = () => t.token(OWN, 'moderator', MOD);
  const posts = () => t.outbox({ type: 'message.send' });

  it("a moderator cannot point the rules or welcome channel at another guild's channel", async () => {
    await t.deliver(
      guildSynced(OWN, { channels: [{ id: OWN_RULES, name: 'rules', type: 0, position: 0 }] }),
      guildSynced(VICTIM, {
        channels: [{ id: VICTIM_CHANNEL, name: 'announcements', type: 0, position: 0 }],
      }),
    );
    const res = await t.http('PUT', `/guilds/${OWN}/setup`, mod(), {
      rulesChannelId: VICTIM_CHANNEL,
      welcomeChannelId: VICTIM_CHANNEL,
      welcomeText: 'Free Nitro for the first 100: https://evil.example',
      createMissingRoles: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      `rulesChannelId: channel ${VICTIM_CHANNEL} is not a channel of this server`,
      `welcomeChannelId: channel ${VICTIM_CHANNEL} is not a channel of this server`,
    ]);
    const confirm = await t.http('POST', `/guilds/${OWN}/setup/confirm`, mod(), {
      rulesChannelId: OWN_RULES,
      welcomeChannelId: VICTIM_CHANNEL,
    });
    expect(confirm.status).toBe(400);
    expect(confirm.body.message).toEqual([
      `welcomeChannelId: channel ${VICTIM_CHANNEL} is not a channel of this server`,
    ]);
    expect(await posts()).toEqual([]);
  });

  it("a moderator cannot confirm onboarding into another guild's channel, even when their own guild reports no channels", async () => {
    // The attacker deleted every channel of their server: there is nothing to compare the id with.
    await t.deliver(guildSynced(OWN, { channels: [] }));
    const res = await t.http('POST', `/guilds/${OWN}/setup/confirm`, mod(), {
      rulesChannelId: VICTIM_CHANNEL,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      `rulesChannelId: channel ${VICTIM_CHANNEL} is not a channel of this server`,
    ]);
    expect(await posts()).toEqual([]);
    expect((await t.http('GET', `/guilds/${OWN}/setup`, mod())).body.settings.rulesChannelId).toBeNull();
  });
});
