import { confirmChannelOf, setupMessage, setupPageUrl, type SetupPicture } from './setup-messages';

const proposal: SetupPicture = {
  confirmed: false,
  settings: { rulesChannelId: null, welcomeChannelId: null },
  roles: {
    preMember: { id: null, name: 'Pre-Member', status: 'missing' },
    member: { id: null, name: 'Member', status: 'missing' },
  },
  problems: ['no rules channel is configured'],
  proposal: {
    rulesChannelId: null,
    welcomeChannelId: null,
    willDo: ['create the role Pre-Member (no permissions) for members who have not agreed yet'],
    problems: ['no text channel is named like "rules", "welcome" or "start-here": choose the rules channel'],
  },
};
const LINK = setupPageUrl('http://localhost:3000', '111111111111111111');
const customIds = (m: ReturnType<typeof setupMessage>) =>
  JSON.stringify(m.components ?? []).match(/onboarding:[\w:-]+/g) ?? [];

describe('setup messages', () => {
  it('links the dashboard page of the guild', () => {
    expect(LINK).toBe('http://localhost:3000/111111111111111111/mod/onboarding');
  });

  it('without a rules channel offers no button and says how to choose one', () => {
    const m = setupMessage(proposal, LINK, null);
    expect(m.components).toBeUndefined();
    expect(m.content).toContain('`/setup rules_channel:`');
    expect(m.content).toContain(LINK);
  });

  it('a channel chosen with the option goes into the button and replaces the problem', () => {
    const m = setupMessage(proposal, LINK, '222222222222222222');
    expect(customIds(m)).toEqual(['onboarding:setup-confirm:222222222222222222']);
    expect(m.content).toContain(
      'post the rules message with View Rules and I Agree in <#222222222222222222>',
    );
    expect(m.content).not.toContain('no text channel is named');
  });

  it('reads the channel back from the button, and refuses a malformed one', () => {
    expect(confirmChannelOf('onboarding:setup-confirm:proposed')).toBeUndefined();
    expect(confirmChannelOf('onboarding:setup-confirm:222222222222222222')).toBe('222222222222222222');
    expect(confirmChannelOf('onboarding:setup-confirm:everything')).toBeNull();
  });
});
