import { RunningXpService, startXpService } from '../src/app';
import { getJson, postJson, putJson, XpTestEnv } from './xp-test-env';

jest.setTimeout(60_000);

/**
 * The attack: a moderator of their own server (any server owner who invites the bot) points the
 * level-up announcement at a channel of a large server that also has the bot, with a phishing
 * template, and the trusted bot posts it there on every level-up. xp knows both servers'
 * channels, so a check that only asks "is this a channel?" would let it through.
 */
const OWN = '122000000000000001';
const VICTIM = '122000000000000002';
const OWN_CHANNEL = '202000000000000001';
const VICTIM_CHANNEL = '202000000000000002';
const VICTIM_ROLE = '302000000000000002';
const phishing = {
  amount: { kind: 'fixed', xp: 1000 },
  cooldownSeconds: 0,
  curve: 'sqrt',
  roleMultipliers: [],
  channelMultipliers: [],
  noXpChannels: [],
  levelUpMessage: {
    enabled: true,
    channelId: VICTIM_CHANNEL,
    template: 'Free Nitro for the first 100: https://evil.example {user}',
  },
};

describe("xp service: a policy names only its own guild's channels and roles", () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  let url: string;
  const mod = () => t.token(OWN, 'moderator');

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env());
    url = `http://127.0.0.1:${xp.port}/guilds/${OWN}`;
    await t.syncDirectory(OWN, { channelIds: [OWN_CHANNEL] });
    await t.syncDirectory(VICTIM, { channelIds: [VICTIM_CHANNEL], roleIds: [VICTIM_ROLE] });
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  it("a moderator cannot point the level-up channel at another guild's channel", async () => {
    const res = await putJson(`${url}/policy`, phishing, mod());
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      `levelUpMessage.channelId: channel ${VICTIM_CHANNEL} is not a channel of this server`,
    ]);
    const elsewhere = await putJson(
      `${url}/policy`,
      {
        ...phishing,
        levelUpMessage: { ...phishing.levelUpMessage, channelId: OWN_CHANNEL },
        roleMultipliers: [{ id: VICTIM_ROLE, multiplier: 2 }],
        noXpChannels: [VICTIM_CHANNEL],
      },
      mod(),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toEqual([
      `roleMultipliers: role ${VICTIM_ROLE} is not a role of this server`,
      `noXpChannels: channel ${VICTIM_CHANNEL} is not a channel of this server`,
    ]);
    expect((await getJson(`${url}/policy`, mod())).body.version).toBe(0);
  });

  it("a moderator cannot restore a policy version that points the level-up channel at another guild's channel", async () => {
    const own = { ...phishing, levelUpMessage: { ...phishing.levelUpMessage, channelId: OWN_CHANNEL } };
    expect((await putJson(`${url}/policy`, own, mod())).status).toBe(200);
    expect((await putJson(`${url}/policy`, { ...own, cooldownSeconds: 60 }, mod())).status).toBe(200);
    // Version 1 as a release that did not check ids yet could have stored it.
    await t.db.query(
      `UPDATE "${t.schema}".policy_events SET policy = jsonb_set(policy, '{levelUpMessage,channelId}', to_jsonb($2::text))
       WHERE guild_id = $1 AND version = 1`,
      [OWN, VICTIM_CHANNEL],
    );
    const res = await postJson(`${url}/history/xp-policy/1/restore`, mod());
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      `levelUpMessage.channelId: channel ${VICTIM_CHANNEL} is not a channel of this server`,
    ]);
    const current = (await getJson(`${url}/policy`, mod())).body;
    expect(current.version).toBe(2);
    expect(current.policy.levelUpMessage.channelId).toBe(OWN_CHANNEL);
  });
});
