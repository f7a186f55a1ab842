import { DEFAULT_SETTINGS } from './setup';
import { setupChanges } from './setup-changes';

describe('what changed in the onboarding settings', () => {
  it('unchanged settings have no changes', () => {
    expect(setupChanges(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS })).toEqual([]);
  });

  it('channels, roles, texts and switches read in the setup page words', () => {
    const after = {
      ...DEFAULT_SETTINGS,
      rulesChannelId: '200000000000000001',
      memberRoleName: 'Citizen',
      welcomeText: 'Hi {user}',
      restartOnRejoin: true,
    };
    expect(setupChanges(DEFAULT_SETTINGS, after).map((c) => c.text)).toEqual([
      'rules channel none → 200000000000000001',
      'Member role name "Member" → "Citizen"',
      `welcome text ${JSON.stringify(DEFAULT_SETTINGS.welcomeText.slice(0, 57) + '…')} → "Hi {user}"`,
      'agree again after rejoining no → yes',
    ]);
  });
});
