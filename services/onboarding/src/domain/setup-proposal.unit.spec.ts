import { DEFAULT_SETTINGS, type GuildFacts } from './setup';
import {
  confirmationSteps,
  findChannel,
  nameWords,
  proposalProblems,
  proposeSetup,
  RULES_CHANNEL_NAMES,
  unknownTarget,
  WELCOME_CHANNEL_NAMES,
  type GuildChannel,
} from './setup-proposal';

let nextId = 100;
const channel = (name: string, type = 0, position = nextId): GuildChannel => ({
  id: String(nextId++),
  name,
  type,
  parentId: null,
  position,
});
const names = (list: string[]) => list.map((n) => channel(n));
const found = (list: GuildChannel[], fits = RULES_CHANNEL_NAMES) => findChannel(list, fits)?.name ?? null;

const guild = (over: Partial<GuildFacts> = {}): GuildFacts => ({
  name: 'G',
  roles: [{ id: '900', name: 'Guildhall', position: 10, managed: true }],
  botCanManageRoles: true,
  botTopPosition: 10,
  channels: [],
  ...over,
});

describe('channel names', () => {
  it('splits a name into words, whatever emoji or separators it has', () => {
    expect(nameWords('📜-rules')).toEqual(['rules']);
    expect(nameWords('Server Rules')).toEqual(['server', 'rules']);
    expect(nameWords('start_here')).toEqual(['start', 'here']);
    expect(nameWords('・welcome・')).toEqual(['welcome']);
  });

  it.each([
    [['general', '📜-rules'], '📜-rules'],
    [['general', 'server-rules'], 'server-rules'],
    [['general', 'start-here'], 'start-here'],
    [['general', 'starthere'], 'starthere'],
    [['general', 'welcome'], 'welcome'],
    [['👋-welcome-and-info', 'general'], '👋-welcome-and-info'],
    [['RULES'], 'RULES'],
  ])('the rules channel among %j is %s', (list, expected) => {
    expect(found(names(list))).toBe(expected);
  });

  it('prefers a channel called exactly "rules", then one with the word rules, then start-here, then welcome', () => {
    expect(found(names(['welcome', 'start-here', 'server-rules', 'rules']))).toBe('rules');
    expect(found(names(['welcome', 'start-here', 'server-rules']))).toBe('server-rules');
    expect(found(names(['welcome', 'start-here']))).toBe('start-here');
  });

  it('matches whole words only and never a voice channel or a category', () => {
    expect(found(names(['general', 'rulership', 'overrules', 'unwelcomed']))).toBeNull();
    expect(found([channel('rules', 2), channel('Rules', 4), channel('off-topic')])).toBeNull();
    expect(found([channel('rules', 5)])).toBe('rules');
  });

  it('on a tie takes the channel higher in the list', () => {
    const list = [channel('server-rules', 0, 5), channel('chat-rules', 0, 1)];
    expect(found(list)).toBe('chat-rules');
  });

  it('the welcome channel: "welcome", else "introductions"', () => {
    expect(found(names(['introductions', 'welcome']), WELCOME_CHANNEL_NAMES)).toBe('welcome');
    expect(found(names(['general', 'introductions']), WELCOME_CHANNEL_NAMES)).toBe('introductions');
    expect(found(names(['general', '✋-intros']), WELCOME_CHANNEL_NAMES)).toBe('✋-intros');
    expect(found(names(['general']), WELCOME_CHANNEL_NAMES)).toBeNull();
  });
});

describe('proposeSetup', () => {
  it('proposes the rules and introductions channels, adopts a same-named role and creates the other', () => {
    const [rules, , intro] = [channel('rules'), channel('general'), channel('introductions')];
    const g = guild({
      channels: [rules, channel('general'), intro],
      roles: [
        { id: '900', name: 'Guildhall', position: 10, managed: true },
        { id: '901', name: 'member', position: 2, managed: false, permissions: '0' },
      ],
    });
    const proposal = proposeSetup(DEFAULT_SETTINGS, g);
    expect(proposal).toEqual({
      rulesChannelId: rules.id,
      welcomeChannelId: intro.id,
      roles: {
        preMember: { action: 'create', name: 'Pre-Member' },
        member: { action: 'adopt', roleId: '901', name: 'member' },
      },
    });
    expect(confirmationSteps(proposal, g)).toEqual([
      'create the role Pre-Member (no permissions) for members who have not agreed yet',
      'use the existing role member for members who agreed',
      'post the rules message with View Rules and I Agree in #rules',
      'greet new members in #introductions',
    ]);
    expect(proposalProblems(proposal, g)).toEqual([]);
  });

  it('greets in the rules channel when there is no welcome channel, and never adopts a managed role', () => {
    const rules = channel('start-here');
    const g = guild({
      channels: [rules],
      roles: [{ id: '900', name: 'Member', position: 10, managed: true }],
    });
    const proposal = proposeSetup(DEFAULT_SETTINGS, g);
    expect(proposal.welcomeChannelId).toBe(rules.id);
    expect(proposal.roles.member).toEqual({ action: 'create', name: 'Member' });
  });

  it('passes over a same-named role with extra permissions, and says so', () => {
    const g = guild({
      channels: [channel('rules')],
      roles: [{ id: '903', name: 'Member', position: 2, managed: false, permissions: String(1n << 24n) }],
    });
    const proposal = proposeSetup(DEFAULT_SETTINGS, g);
    expect(proposal.roles.member).toEqual({ action: 'create', name: 'Member' });
    expect(proposalProblems(proposal, g)).toEqual([
      'the existing role Member grants dangerous permissions (Move Members), so onboarding will not use it',
    ]);
  });

  it('keeps what a moderator already chose', () => {
    const [rules, other] = [channel('rules'), channel('news')];
    const proposal = proposeSetup(
      { ...DEFAULT_SETTINGS, rulesChannelId: other.id },
      guild({ channels: [rules, other] }),
    );
    expect(proposal.rulesChannelId).toBe(other.id);
  });

  it('names what is missing: no rules-like channel, no Manage Roles, a role above the bot', () => {
    const g = guild({
      channels: [channel('general')],
      botCanManageRoles: false,
      roles: [
        { id: '900', name: 'Guildhall', position: 3, managed: true },
        { id: '902', name: 'Pre-Member', position: 5, managed: false, permissions: '0' },
      ],
      botTopPosition: 3,
    });
    const proposal = proposeSetup(DEFAULT_SETTINGS, g);
    expect(proposal.rulesChannelId).toBeNull();
    expect(proposalProblems(proposal, g)).toEqual([
      'no text channel is named like "rules", "welcome" or "start-here": choose the rules channel',
      'the bot lacks the Manage Roles permission, so it cannot give members their roles',
      "the bot's highest role is not above Pre-Member, so it cannot assign it",
    ]);
  });
});

describe('a channel a moderator chooses', () => {
  it("is refused when the guild's channels are not known, instead of trusting any id (another server's channel)", () => {
    expect(unknownTarget(guild({ channels: [] }), 'rules channel', '700')).toBe(
      'rules channel 700 is not a channel of this guild',
    );
    expect(unknownTarget(guild({ channels: undefined }), 'welcome channel', '700')).toBe(
      'welcome channel 700 is not a channel of this guild',
    );
    const rules = channel('rules');
    expect(unknownTarget(guild({ channels: [rules] }), 'rules channel', rules.id)).toBeNull();
  });
});
