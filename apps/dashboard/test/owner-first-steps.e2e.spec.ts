import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '@guildhall/harness';
import { DASHBOARD_DIR, Platform, waitFor } from './platform-harness';

/**
 * A server owner's first steps, in the browser, from a server the bot has just joined: onboarding
 * set up from the proposal, a newcomer let in by the I Agree button, a ×2 XP multiplier for a role
 * picked from a list (no id typed anywhere), and that change undone from the history.
 */
const SCREENSHOTS = join(DASHBOARD_DIR, '..', '..', 'test-output', 'screenshots', 'owner-first-steps');
const platform = new Platform();
let browser: Browser;
let page: Page;
let guildId: string;
let ownerId: string;
let artistRoleId: string;

jest.setTimeout(300_000);

const url = (path: string) => `${platform.urls.dashboard}${path}`;
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const asOwner = () => ({ sub: ownerId, role: 'owner' as const, guildId });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await platform.start();
  // The bot joins a server nobody has configured: no Pre-Member or Member role, nothing posted.
  const guild = platform.sim.createGuild({
    name: 'Fresh Hall',
    ownerName: 'owen',
    channels: [
      { name: 'rules', category: 'Start Here' },
      { name: 'general', category: 'Community' },
    ],
    roles: [{ name: 'Artist', color: 0xe67e22 }],
  });
  guildId = guild.id;
  ownerId = guild.ownerId;
  artistRoleId = guild.roles.find((r) => r.name === 'Artist')!.id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(
    url(`/api/auth/login?login_as=${ownerId}&next=${encodeURIComponent(`/${guildId}/mod/onboarding`)}`),
  );
  await page.waitForURL(url(`/${guildId}/mod/onboarding`));
});

afterAll(async () => {
  await browser?.close();
  await platform.stop();
});

describe('a server owner on the first day', () => {
  it('confirms the proposed onboarding setup, and a newcomer gets in through the I Agree button', async () => {
    const sim = platform.sim;
    await waitFor(
      async () => {
        await page.reload();
        return (
          (await page.getByText('Proposed: not live yet').count()) > 0 &&
          (await page.getByRole('combobox', { name: 'Rules channel' }).inputValue()) === '#rules'
        );
      },
      30_000,
      () => 'the setup page never proposed #rules',
    );
    await page
      .getByText('create the role Pre-Member (no permissions) for members who have not agreed yet')
      .waitFor();
    await shot('01-onboarding-proposed');
    await page.getByRole('button', { name: 'Confirm setup' }).click();
    // An error alert ends the wait too, so a refused confirmation fails with its reason.
    const outcome = page
      .getByText(/Setup confirmed/)
      .or(page.getByRole('alert').filter({ hasText: /\w/ }).filter({ hasNotText: 'Problems' }));
    await outcome.first().waitFor();
    expect(await outcome.first().textContent()).toMatch(/Setup confirmed/);

    const rules = sim.getGuild(guildId, false).channels.find((c) => c.name === 'rules')!;
    const roleNamed = (name: string) => sim.getGuild(guildId, false).roles.find((r) => r.name === name);
    const rulesMessage = () =>
      sim
        .channelMessages(guildId, rules.id)
        .find((m) => JSON.stringify(m.components).includes('onboarding:agree'));
    await waitFor(
      async () => Boolean(roleNamed('Pre-Member') && roleNamed('Member') && rulesMessage()),
      30_000,
      () => 'the roles or the rules message never appeared in Discord',
    );
    await waitFor(
      async () =>
        (
          await platform.service<{ ready: boolean }>(
            platform.urls.onboarding,
            `/guilds/${guildId}/setup`,
            asOwner(),
          )
        ).ready,
      30_000,
      () => 'the setup never became ready',
    );
    await page.reload();
    await page.getByText('Live', { exact: true }).waitFor();
    await shot('02-onboarding-live');

    const newcomer = sim.addMember(guildId, { username: 'nina', globalName: 'Nina' }).user!.id;
    const [pre, member] = [roleNamed('Pre-Member')!.id, roleNamed('Member')!.id];
    await waitFor(
      async () => sim.getMember(guildId, newcomer).roles.includes(pre),
      30_000,
      () => 'the newcomer never got Pre-Member',
    );
    const agreed = await sim.clickComponent({
      guildId,
      channelId: rules.id,
      userId: newcomer,
      messageId: rulesMessage()!.id,
      customId: 'onboarding:agree',
      componentType: 2,
    });
    expect(agreed.callback?.data?.content).toContain('Thanks for agreeing');
    await waitFor(
      async () => {
        const roles = sim.getMember(guildId, newcomer).roles;
        return roles.includes(member) && !roles.includes(pre);
      },
      30_000,
      () => 'the newcomer never became a Member',
    );
  });

  it('gives Artists ×2 XP by picking the role from a list, then restores the policy before it', async () => {
    await page.goto(url(`/${guildId}/mod/xp`));
    await page.getByRole('button', { name: 'Add a role' }).click();
    await page.getByRole('combobox', { name: 'Role multiplier 1' }).fill('art');
    await page.getByRole('option', { name: 'Artist', exact: true }).click();
    await page.getByLabel('Role multiplier 1 factor').fill('2');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Saved\. Policy version \d+/).waitFor();
    await shot('03-xp-artists-double');
    type Live = { version: number; policy: { roleMultipliers: Array<{ id: string; multiplier: number }> } };
    const saved = await platform.service<Live>(platform.urls.xp, `/guilds/${guildId}/policy`, asOwner());
    expect(saved.policy.roleMultipliers).toEqual([{ id: artistRoleId, multiplier: 2 }]);

    const history = page.getByTestId('history-xp-policy');
    await history.getByRole('button', { name: 'Show history' }).click();
    const versions = history.getByTestId('history-version');
    await waitFor(
      async () => (await versions.count()) >= 2,
      10_000,
      () => 'the history never listed the save and the defaults',
    );
    await versions
      .nth(0)
      .getByRole('button', { name: /Changes/ })
      .click();
    await versions.nth(0).locator('ul li', { hasText: 'Artist' }).waitFor();
    await shot('04-xp-history');
    const previous = versions.nth(1);
    const previousVersion = Number(await previous.getAttribute('data-version'));
    await previous.getByRole('button', { name: 'Restore' }).click();
    await previous
      .getByRole('alertdialog')
      .getByRole('button', { name: `Restore version ${previousVersion}` })
      .click();
    await history.getByText(`Restored version ${previousVersion} as version ${saved.version + 1}.`).waitFor();
    await waitFor(
      async () => (await page.getByRole('combobox', { name: 'Role multiplier 1' }).count()) === 0,
      10_000,
      () => 'the form still shows the Artist multiplier',
    );
    await shot('05-xp-restored');
    const restored = await platform.service<Live>(platform.urls.xp, `/guilds/${guildId}/policy`, asOwner());
    expect(restored).toMatchObject({ version: saved.version + 1, policy: { roleMultipliers: [] } });
  });
});
