import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type Browser } from '@guildhall/harness';
import { DASHBOARD_DIR, Platform, SESSION_RECHECK_SECONDS, waitFor } from './platform-harness';

/**
 * The dashboard against the whole platform on the Discord simulator, in a real browser:
 * sign-in through OAuth, profile card, role picker, quiz, moderator settings, live updates,
 * and the authorization table of every API route.
 */
const SCREENSHOTS = join(DASHBOARD_DIR, '..', '..', 'test-output', 'screenshots', 'dashboard');
const platform = new Platform();
let context: BrowserContext;
let browser: Browser;
/** The guild's rules as first published (the defaults), answers included, from the moderators' API. */
let DEFAULT_RULES: Array<{
  id: string;
  title: string;
  questions: Array<{ prompt: string; choices: string[]; answer: number }>;
}>;

jest.setTimeout(300_000);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await platform.start();
  DEFAULT_RULES = (
    await platform.service<{ rules: typeof DEFAULT_RULES }>(
      platform.urls.onboarding,
      `/guilds/${platform.people.guildId}/rules/editable`,
      {
        sub: platform.people.max,
        role: 'moderator',
      },
    )
  ).rules;
  const { guildId, mia, max, artistRoleId } = platform.people;
  // Mia has a little XP, so her card shows a position and progress.
  const resumeAt = platform.chat(mia, 3, Date.now() - 3 * 3600_000);
  (platform as unknown as { resumeAt: number }).resumeAt = resumeAt;
  await waitFor(
    async () =>
      (
        await platform.service<{ xp: number }>(platform.urls.xp, `/guilds/${guildId}/members/${mia}`, {
          sub: mia,
          role: 'member',
        })
      ).xp >= 30,
    30_000,
    () => 'mia never earned XP',
  );
  // The catalog offers the Artist role; the roles service learns the guild's roles from the gateway first.
  const moderator = { sub: max, role: 'moderator' as const };
  const category = await platform.service<{ id: string }>(
    platform.urls.roles,
    `/guilds/${guildId}/catalog/categories`,
    moderator,
    { method: 'POST', body: { name: 'Interests', description: 'What you are into' } },
  );
  await waitFor(
    async () => {
      try {
        await platform.service(platform.urls.roles, `/guilds/${guildId}/catalog/roles`, moderator, {
          method: 'POST',
          body: { roleId: artistRoleId, categoryId: category.id, label: 'Artist', emoji: '🎨' },
        });
        return true;
      } catch {
        return false;
      }
    },
    30_000,
    () => 'the roles service never accepted the Artist role',
  );
  browser = await launchBrowser();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await platform.stop();
});

const url = (path: string) => `${platform.urls.dashboard}${path}`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

async function signInBrowser(page: Page, userId: string, next: string): Promise<void> {
  await context.clearCookies();
  await page.goto(url(`/api/auth/login?login_as=${userId}&next=${encodeURIComponent(next)}`));
  await page.waitForURL(url(next));
}

describe('a member in the browser', () => {
  let page: Page;
  beforeAll(async () => {
    page = await context.newPage();
  });

  it('lets an anonymous visitor see only public pages', async () => {
    const { guildId, mia } = platform.people;
    const board = await page.goto(url(`/${guildId}/leaderboard`));
    expect(board?.status()).toBe(200);
    await page.getByTestId('leaderboard').waitFor();
    // Names as the server shows them, for visitors too: the server's, and Mia's (she chatted).
    await page.getByText('Guildhall Test Hall').first().waitFor();
    await page.getByTestId('leaderboard').getByText('Mia', { exact: true }).waitFor();
    await shot(page, '01-leaderboard-anonymous');
    const profile = await page.goto(url(`/${guildId}/${mia}`));
    expect(profile?.status()).toBe(200);
    await page.getByTestId('profile-card').waitFor();
    // A member page sends the visitor to sign in first.
    const member = await fetch(url(`/${guildId}`), { redirect: 'manual' });
    expect(member.status).toBe(307);
    expect(member.headers.get('location')).toContain(
      `/api/auth/login?next=${encodeURIComponent(`/${guildId}`)}`,
    );
    const deep = await fetch(url(`/${guildId}/roles`), { redirect: 'manual' });
    expect(deep.headers.get('location')).toContain(
      `/api/auth/login?next=${encodeURIComponent(`/${guildId}/roles`)}`,
    );
  });

  it('signs in through Discord OAuth and shows the profile card', async () => {
    const { guildId, mia } = platform.people;
    await signInBrowser(page, mia, '/');
    await page.getByTestId(`guild-${guildId}`).waitFor();
    await shot(page, '02-guild-picker');
    await page.getByTestId(`guild-${guildId}`).click();
    await page.waitForURL(url(`/${guildId}`));
    const card = page.getByTestId('profile-card');
    await card.getByRole('heading', { name: 'Mia' }).waitFor();
    expect(await page.getByTestId('stat-xp').textContent()).toBe('30');
    expect(await page.getByTestId('stat-position').textContent()).toBe('#1');
    expect(await page.getByTestId('rank-tier').textContent()).toBe('Newcomer');
    await expect(
      page.getByRole('progressbar', { name: 'Progress to level 1' }).getAttribute('aria-valuenow'),
    ).resolves.toBe('30');
    await shot(page, '03-profile');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, '04-profile-phone');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows a level-up without a reload', async () => {
    const { mia } = platform.people;
    await page
      .getByTestId('live-state')
      .and(page.locator('[data-state="live"]'))
      .waitFor({ timeout: 15_000 });
    platform.chat(mia, 8, (platform as unknown as { resumeAt: number }).resumeAt);
    await page.getByTestId('level-up-toast').waitFor({ timeout: 30_000 });
    await waitFor(
      async () => (await page.getByTestId('stat-level').textContent()) === '1',
      15_000,
      () => 'the level on the card did not change',
    );
    await shot(page, '05-level-up-live');
  });

  it('picks a role and sees it applied in Discord', async () => {
    const { guildId, mia, artistRoleId } = platform.people;
    await page.goto(url(`/${guildId}/roles`));
    const role = page.getByTestId(`role-${artistRoleId}`);
    await role.getByRole('button', { name: 'Add Artist' }).click();
    await role.locator('[data-testid="request-status"][data-status="applied"]').waitFor({ timeout: 30_000 });
    const puts = platform.sim
      .calls({ method: 'PUT' })
      .filter((c) => c.path.endsWith(`/guilds/${guildId}/members/${mia}/roles/${artistRoleId}`));
    expect(puts.length).toBeGreaterThanOrEqual(1);
    await shot(page, '06-roles-applied');
  });

  it('takes a rules quiz and earns points', async () => {
    const { guildId } = platform.people;
    await page.goto(url(`/${guildId}/rules`));
    const rule = DEFAULT_RULES[0];
    await page.getByTestId(`rule-${rule.id}`).locator('summary').click();
    const quiz = page.getByTestId(`quiz-${rule.id}`);
    for (const q of rule.questions)
      await quiz
        .getByRole('group', { name: q.prompt })
        .getByLabel(q.choices[q.answer], { exact: true })
        .check();
    await quiz.getByRole('button', { name: 'Submit answers' }).click();
    const result = quiz.getByTestId('quiz-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(
      `${rule.questions.length} of ${rule.questions.length} correct`,
    );
    await waitFor(
      async () =>
        (await page.getByTestId('points').first().textContent())?.startsWith(
          String(rule.questions.length * 10),
        ) === true,
      10_000,
      () => 'points did not update',
    );
    await page.getByTestId(`rule-${rule.id}`).getByText('Passed', { exact: true }).waitFor();
    await shot(page, '07-rules-quiz');
  });

  it('gets a 403 page for the moderator area', async () => {
    const { guildId } = platform.people;
    const res = await page.goto(url(`/${guildId}/mod`));
    expect(res?.status()).toBe(403);
    await page.getByTestId('forbidden').waitFor();
    await shot(page, '08-member-forbidden');
  });
});

describe('a moderator in the browser', () => {
  let page: Page;
  beforeAll(async () => {
    page = await context.newPage();
    await signInBrowser(page, platform.people.max, `/${platform.people.guildId}/mod`);
  });

  it('sees the overview, members and editors', async () => {
    const { guildId } = platform.people;
    await shot(page, '09-mod-overview');
    await page.goto(url(`/${guildId}/mod/members`));
    await page.getByTestId('members-table').waitFor();
    await page.getByLabel('Name or member id').fill('MI');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 member named like “MI”').waitFor();
    await page.getByTestId('members-table').getByRole('link', { name: 'Mia' }).waitFor();
    await shot(page, '10-mod-members');
    await page.goto(url(`/${guildId}/mod/roles`));
    await page.getByText('Interests').first().waitFor();
    await shot(page, '11-mod-role-catalog');
    // Roles the bot may not grant are listed, greyed, with the reason; they cannot be picked.
    await page.getByText('Add a role to this category').first().click();
    await page.getByRole('combobox', { name: 'Discord role' }).first().fill('mod');
    const mods = page.getByRole('option', { name: /Mods/ });
    expect(await mods.getAttribute('aria-disabled')).toBe('true');
    expect(await mods.textContent()).toMatch(/dangerous permissions \(Manage Server\)/);
    await shot(page, '11b-mod-role-picker');
    await page.goto(url(`/${guildId}/mod/rules`));
    await page.getByRole('form', { name: 'Rules editor' }).waitFor();
    await shot(page, '12-mod-rules');
  });

  it('changes the XP policy', async () => {
    const { guildId, max } = platform.people;
    await page.goto(url(`/${guildId}/mod/xp`));
    await page.getByLabel('Cooldown (seconds)').fill('30');
    await page.getByLabel('XP', { exact: true }).fill('15');
    // Roles and channels are chosen by name from a searchable list: no id typed.
    await page.getByRole('button', { name: 'Add a role' }).click();
    await page.getByRole('combobox', { name: 'Role multiplier 1' }).fill('art');
    await page.getByRole('option', { name: 'Artist', exact: true }).click();
    await page.getByLabel('Role multiplier 1 factor').fill('2');
    await page.getByRole('combobox', { name: 'Level-up channel' }).click();
    await page.getByRole('option', { name: '#general' }).click();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Saved\. Policy version \d+/).waitFor();
    await shot(page, '13-mod-xp-policy');
    type Saved = {
      policy: {
        cooldownSeconds: number;
        amount: { xp: number };
        roleMultipliers: unknown[];
        levelUpMessage: { channelId?: string };
      };
    };
    const saved = await platform.service<Saved>(platform.urls.xp, `/guilds/${guildId}/policy`, {
      sub: max,
      role: 'moderator',
    });
    expect(saved.policy.cooldownSeconds).toBe(30);
    expect(saved.policy.amount.xp).toBe(15);
    expect(saved.policy.roleMultipliers).toEqual([{ id: platform.people.artistRoleId, multiplier: 2 }]);
    expect(saved.policy.levelUpMessage.channelId).toBe(platform.people.channelId);
  });

  it('restores an earlier XP policy from its history', async () => {
    const { guildId, max } = platform.people;
    await page.goto(url(`/${guildId}/mod/xp`));
    await page.getByLabel('Cooldown (seconds)').fill('45');
    await page.getByLabel('XP', { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Saved\. Policy version \d+/).waitFor();
    const history = page.getByTestId('history-xp-policy');
    await history.getByRole('button', { name: 'Show history' }).click();
    const versions = history.getByTestId('history-version');
    await waitFor(
      async () => (await versions.count()) >= 3,
      10_000,
      () => 'the history never listed both saved versions and the defaults',
    );
    const [newest, previous] = [versions.nth(0), versions.nth(1)];
    const [newestVersion, previousVersion] = [
      Number(await newest.getAttribute('data-version')),
      Number(await previous.getAttribute('data-version')),
    ];
    expect(newestVersion).toBe(previousVersion + 1);
    expect(await newest.textContent()).toContain('in force');
    // Who and what: the moderator's name, and the change in words.
    expect(await newest.textContent()).toContain('Max');
    await newest.getByRole('button', { name: /Changes/ }).click();
    await newest.locator('ul li', { hasText: 'cooldown 30 s → 45 s' }).waitFor();
    await newest.locator('ul li', { hasText: 'XP per message 15 XP → 20 XP' }).waitFor();
    await shot(page, '14-mod-xp-history');
    await previous.getByRole('button', { name: 'Restore' }).click();
    await previous
      .getByRole('alertdialog')
      .getByRole('button', { name: `Restore version ${previousVersion}` })
      .click();
    await history.getByText(`Restored version ${previousVersion} as version ${newestVersion + 1}.`).waitFor();
    // The page shows the restored settings, not the ones just saved.
    await waitFor(
      async () => (await page.getByLabel('Cooldown (seconds)').inputValue()) === '30',
      10_000,
      () => 'the form never showed the restored cooldown',
    );
    expect(await page.getByLabel('XP', { exact: true }).inputValue()).toBe('15');
    await versions
      .first()
      .locator('p', { hasText: `Restored version ${previousVersion}` })
      .waitFor();
    await shot(page, '15-mod-xp-restored');
    const live = await platform.service<{
      version: number;
      policy: { cooldownSeconds: number; amount: { xp: number } };
    }>(platform.urls.xp, `/guilds/${guildId}/policy`, { sub: max, role: 'moderator' });
    expect(live).toMatchObject({
      version: newestVersion + 1,
      policy: { cooldownSeconds: 30, amount: { xp: 15 } },
    });
  });

  it('edits a question of a default rule, and members get the new question', async () => {
    const { guildId, mia } = platform.people;
    const rule = DEFAULT_RULES[1];
    await page.goto(url(`/${guildId}/mod/rules`));
    const editor = page.getByTestId(`rule-editor-${rule.id}`);
    const prompt = editor.getByLabel('Question 1 prompt');
    await prompt.fill('');
    await page.getByRole('button', { name: 'Publish rules' }).click();
    await editor
      .getByTestId('question-problems')
      .getByText(`Rule 2 (“${rule.title}”), question 1: write the question.`)
      .waitFor();
    await prompt.fill('What do you do instead of posting five messages?');
    await editor.getByLabel('Question 1 choice 1').fill('Post one message that says it all');
    await editor.getByLabel('Question 1 choice 2').fill('Post them faster');
    await editor.getByRole('button', { name: 'Remove choice 3 of question 1' }).click();
    await editor.getByLabel('Question 1: choice 1 is right').check();
    await editor.getByRole('button', { name: 'Add question' }).click();
    await editor.getByLabel(`Question ${rule.questions.length + 1} prompt`).fill('Is a wall of emoji spam?');
    await editor.getByLabel(`Question ${rule.questions.length + 1} choice 1`).fill('Yes');
    await editor.getByLabel(`Question ${rule.questions.length + 1} choice 2`).fill('No');
    await editor.getByLabel(`Question ${rule.questions.length + 1}: choice 1 is right`).check();
    await page.getByRole('button', { name: 'Publish rules' }).click();
    await page.getByText(/Published version \d+\./).waitFor();
    await shot(page, '16-mod-quiz-editor');

    // The member's quiz shows the edited and the added question; the answers stay on the server.
    await signInBrowser(page, mia, `/${guildId}/rules`);
    await page.getByTestId(`rule-${rule.id}`).locator('summary').click();
    const quiz = page.getByTestId(`quiz-${rule.id}`);
    await quiz
      .getByRole('group', { name: 'What do you do instead of posting five messages?' })
      .getByLabel('Post one message that says it all', { exact: true })
      .waitFor();
    await quiz.getByRole('group', { name: 'Is a wall of emoji spam?' }).waitFor();
    expect(await quiz.getByRole('group').count()).toBe(rule.questions.length + 1);
    await shot(page, '17-member-edited-quiz');
    await signInBrowser(page, platform.people.max, `/${guildId}/mod`);
  });

  it('completes the onboarding setup from the proposal, and a new member agrees through the button', async () => {
    const { guildId, channelId } = platform.people;
    const { sim } = platform;
    await page.goto(url(`/${guildId}/mod/onboarding`));
    await page.getByText('Proposed: not live yet').waitFor();
    // The guild has no channel named like "rules": the page says so, and the moderator picks one by name.
    await page.getByText(/no text channel is named like "rules"/).waitFor();
    await shot(page, '14-mod-onboarding-proposed');
    await page.getByRole('combobox', { name: 'Rules channel' }).fill('gen');
    await page.getByRole('option', { name: /#general/ }).click();
    await page.getByLabel('Members agree again when a new rules version is published').check();
    await page.getByRole('button', { name: 'Confirm setup' }).click();
    // An error alert ends the wait too, so a refused confirmation fails with its reason.
    const outcome = page
      .getByText(/Setup confirmed/)
      .or(page.getByRole('alert').filter({ hasText: /\w/ }).filter({ hasNotText: 'Problems' }));
    await outcome.first().waitFor();
    expect(await outcome.first().textContent()).toMatch(/Setup confirmed/);
    const roleNamed = (name: string) => sim.getGuild(guildId, false).roles.find((r) => r.name === name);
    await waitFor(
      async () => Boolean(roleNamed('Pre-Member') && roleNamed('Member')),
      30_000,
      () => 'the onboarding roles were never created',
    );
    const rulesMessage = () =>
      sim
        .channelMessages(guildId, channelId)
        .find((m) => JSON.stringify(m.components).includes('onboarding:agree'));
    await waitFor(
      async () => rulesMessage() !== undefined,
      30_000,
      () => 'the rules message was never posted',
    );
    const posted = rulesMessage()!;
    let problems: string[] = [];
    const setupOf = () =>
      platform.service<{ ready: boolean; problems: string[] }>(
        platform.urls.onboarding,
        `/guilds/${guildId}/setup`,
        { sub: platform.people.max, role: 'moderator' },
      );
    await waitFor(
      async () => ({ problems } = await setupOf()).problems.length === 0,
      30_000,
      () => `the setup never became ready: ${problems.join('; ')}`,
    );
    await page.reload();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(
      await page.getByLabel('Members agree again when a new rules version is published').isChecked(),
    ).toBe(true);
    await shot(page, '15-mod-onboarding-live');

    const newcomer = sim.addMember(guildId, { username: 'nora', globalName: 'Nora' }).user!.id;
    const [pre, member] = [roleNamed('Pre-Member')!.id, roleNamed('Member')!.id];
    await waitFor(
      async () => sim.getMember(guildId, newcomer).roles.includes(pre),
      30_000,
      () => 'the newcomer never got Pre-Member',
    );
    const agreed = await sim.clickComponent({
      guildId,
      channelId,
      userId: newcomer,
      messageId: posted.id,
      customId: 'onboarding:agree',
      componentType: 2,
    });
    expect(agreed.callback?.data?.content).toContain('Thanks for agreeing');
    await waitFor(
      async () =>
        sim.getMember(guildId, newcomer).roles.includes(member) &&
        !sim.getMember(guildId, newcomer).roles.includes(pre),
      30_000,
      () => 'the newcomer never became a Member',
    );
  });
});

// ─── Authorization: every dashboard API route × (anonymous, other guild, member, moderator) ───

type Who = 'anonymous' | 'outsider' | 'member' | 'moderator';
interface RouteCase {
  route: string; // the file under src/app/api, for the coverage check
  method: string;
  path: (p: Platform['people']) => string;
  body?: unknown;
  /** The request ends the session it is sent with: it gets a session of its own. */
  endsSession?: true;
  expect: Record<Who, number>;
}

const ALL = (s: number) => ({ anonymous: s, outsider: s, member: s, moderator: s });
const MEMBER_ONLY = { anonymous: 401, outsider: 403, member: 200, moderator: 200 };
const MOD_ONLY = { anonymous: 401, outsider: 403, member: 403, moderator: 200 };
const g = (p: Platform['people']) => `/api/guilds/${p.guildId}`;

const CASES: RouteCase[] = [
  { route: 'session', method: 'GET', path: () => '/api/session', expect: ALL(200) },
  // Public for probes: the same answer for everyone, and it names no address or secret.
  { route: 'health', method: 'GET', path: () => '/api/health', expect: ALL(200) },
  { route: 'auth/login', method: 'GET', path: () => '/api/auth/login', expect: ALL(307) },
  { route: 'auth/callback', method: 'GET', path: () => '/api/auth/callback', expect: ALL(307) },
  {
    route: 'auth/logout',
    method: 'POST',
    path: () => '/api/auth/logout',
    endsSession: true,
    expect: ALL(303),
  },
  {
    route: 'guilds/[guildId]/leaderboard',
    method: 'GET',
    path: (p) => `${g(p)}/leaderboard`,
    expect: ALL(200),
  },
  {
    route: 'guilds/[guildId]/members/[userId]/profile',
    method: 'GET',
    path: (p) => `${g(p)}/members/${p.mia}/profile`,
    expect: ALL(200),
  },
  { route: 'guilds/[guildId]/live', method: 'GET', path: (p) => `${g(p)}/live`, expect: ALL(200) },
  { route: 'guilds/[guildId]/catalog', method: 'GET', path: (p) => `${g(p)}/catalog`, expect: MEMBER_ONLY },
  { route: 'guilds/[guildId]/rules', method: 'GET', path: (p) => `${g(p)}/rules`, expect: MEMBER_ONLY },
  {
    route: 'guilds/[guildId]/members/[userId]/roles',
    method: 'GET',
    path: (p) => `${g(p)}/members/${p.mia}/roles`,
    expect: MEMBER_ONLY,
  },
  // The member may not read someone else's roles; the moderator reading their own is fine.
  {
    route: 'guilds/[guildId]/members/[userId]/roles',
    method: 'GET',
    path: (p) => `${g(p)}/members/${p.max}/roles`,
    expect: { anonymous: 401, outsider: 403, member: 403, moderator: 200 },
  },
  // Requests are self-service only: a role outside the catalog proves the member got through (409 refused).
  {
    route: 'guilds/[guildId]/members/[userId]/roles',
    method: 'POST',
    path: (p) => `${g(p)}/members/${p.mia}/roles`,
    body: { add: ['1111111111111111111'] },
    expect: { anonymous: 401, outsider: 403, member: 409, moderator: 403 },
  },
  {
    route: 'guilds/[guildId]/members/[userId]/progress',
    method: 'GET',
    path: (p) => `${g(p)}/members/${p.mia}/progress`,
    expect: MEMBER_ONLY,
  },
  {
    route: 'guilds/[guildId]/members/[userId]/progress',
    method: 'GET',
    path: (p) => `${g(p)}/members/${p.max}/progress`,
    expect: { anonymous: 401, outsider: 403, member: 403, moderator: 200 },
  },
  // A malformed attempt proves the member got through (400); nobody answers a quiz for someone else.
  {
    route: 'guilds/[guildId]/members/[userId]/quizzes/[ruleId]',
    method: 'POST',
    path: (p) => `${g(p)}/members/${p.mia}/quizzes/be-respectful`,
    body: { answers: 'none' },
    expect: { anonymous: 401, outsider: 403, member: 400, moderator: 403 },
  },
  {
    route: 'guilds/[guildId]/mod/members',
    method: 'GET',
    path: (p) => `${g(p)}/mod/members?dir=asc&size=25`,
    expect: MOD_ONLY,
  },
  {
    route: 'guilds/[guildId]/mod/xp-policy',
    method: 'GET',
    path: (p) => `${g(p)}/mod/xp-policy`,
    expect: MOD_ONLY,
  },
  {
    route: 'guilds/[guildId]/mod/xp-policy',
    method: 'PUT',
    path: (p) => `${g(p)}/mod/xp-policy`,
    body: { cooldownSeconds: -1 },
    expect: { ...MOD_ONLY, moderator: 400 },
  },
  {
    route: 'guilds/[guildId]/mod/rewards',
    method: 'GET',
    path: (p) => `${g(p)}/mod/rewards`,
    expect: MOD_ONLY,
  },
  {
    route: 'guilds/[guildId]/mod/rewards',
    method: 'PUT',
    path: (p) => `${g(p)}/mod/rewards`,
    body: { mode: 'sideways' },
    expect: { ...MOD_ONLY, moderator: 400 },
  },
  {
    route: 'guilds/[guildId]/mod/catalog',
    method: 'POST',
    path: (p) => `${g(p)}/mod/catalog`,
    body: { op: 'nothing' },
    expect: { ...MOD_ONLY, moderator: 400 },
  },
  { route: 'guilds/[guildId]/mod/rules', method: 'GET', path: (p) => `${g(p)}/mod/rules`, expect: MOD_ONLY },
  {
    route: 'guilds/[guildId]/mod/rules',
    method: 'PUT',
    path: (p) => `${g(p)}/mod/rules`,
    body: { rules: [] },
    expect: { ...MOD_ONLY, moderator: 400 },
  },
  {
    route: 'guilds/[guildId]/mod/funnel',
    method: 'GET',
    path: (p) => `${g(p)}/mod/funnel`,
    expect: MOD_ONLY,
  },
  ...['xp-policy', 'catalog', 'rewards', 'rules', 'onboarding'].map((setting) => ({
    route: 'guilds/[guildId]/mod/history/[setting]',
    method: 'GET',
    path: (p: Platform['people']) => `${g(p)}/mod/history/${setting}?limit=5`,
    expect: MOD_ONLY,
  })),
  {
    route: 'guilds/[guildId]/mod/history/[setting]',
    method: 'GET',
    path: (p) => `${g(p)}/mod/history/colours`,
    expect: { ...MOD_ONLY, moderator: 400 },
  },
  // An unknown version proves the moderator got through (404 naming it) without changing anything.
  {
    route: 'guilds/[guildId]/mod/history/[setting]/[version]/restore',
    method: 'POST',
    path: (p) => `${g(p)}/mod/history/xp-policy/999999/restore`,
    expect: { ...MOD_ONLY, moderator: 404 },
  },
  {
    route: 'guilds/[guildId]/mod/history/[setting]/[version]/restore',
    method: 'POST',
    path: (p) => `${g(p)}/mod/history/catalog/999999/restore`,
    expect: { ...MOD_ONLY, moderator: 404 },
  },
  {
    route: 'guilds/[guildId]/mod/onboarding',
    method: 'GET',
    path: (p) => `${g(p)}/mod/onboarding`,
    expect: MOD_ONLY,
  },
  {
    route: 'guilds/[guildId]/mod/onboarding',
    method: 'PUT',
    path: (p) => `${g(p)}/mod/onboarding`,
    body: { welcomeText: 5 },
    expect: { ...MOD_ONLY, moderator: 400 },
  },
  {
    route: 'guilds/[guildId]/mod/onboarding',
    method: 'POST',
    path: (p) => `${g(p)}/mod/onboarding`,
    body: { rulesChannelId: 5 },
    expect: { ...MOD_ONLY, moderator: 400 },
  },
];

const PAGES: { path: (p: Platform['people']) => string; expect: Record<Who, number> }[] = [
  { path: (p) => `/${p.guildId}/leaderboard`, expect: ALL(200) },
  { path: (p) => `/${p.guildId}/${p.mia}`, expect: ALL(200) },
  { path: (p) => `/${p.guildId}`, expect: { anonymous: 307, outsider: 403, member: 200, moderator: 200 } },
  {
    path: (p) => `/${p.guildId}/roles`,
    expect: { anonymous: 307, outsider: 403, member: 200, moderator: 200 },
  },
  {
    path: (p) => `/${p.guildId}/rules`,
    expect: { anonymous: 307, outsider: 403, member: 200, moderator: 200 },
  },
  ...['mod', 'mod/members', 'mod/xp', 'mod/roles', 'mod/rules', 'mod/onboarding'].map((s) => ({
    path: (p: Platform['people']) => `/${p.guildId}/${s}`,
    expect: { anonymous: 307, outsider: 403, member: 403, moderator: 200 },
  })),
];

/** Signs in through the simulator's OAuth with plain HTTP and returns the session cookie. */
/** One trip through login → the simulator's authorize → callback; the callback's answer. */
async function signInAttempt(userId: string, headers: Record<string, string> = {}): Promise<Response> {
  const login = await fetch(url(`/api/auth/login?login_as=${userId}`), { redirect: 'manual', headers });
  const state = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const authorize = await fetch(login.headers.get('location')!, { redirect: 'manual' });
  return fetch(authorize.headers.get('location')!, {
    redirect: 'manual',
    headers: { ...headers, cookie: state },
  });
}

async function sessionCookie(userId: string, headers: Record<string, string> = {}): Promise<string> {
  const callback = await signInAttempt(userId, headers);
  const session = callback.headers.getSetCookie().find((c) => c.startsWith('gh_session='));
  if (!session)
    throw new Error(`sign-in of ${userId} failed: ${callback.status} ${callback.headers.get('location')}`);
  return session.split(';')[0];
}

describe('authorization of every dashboard API route', () => {
  const cookies: Record<Who, string> = { anonymous: '', outsider: '', member: '', moderator: '' };
  beforeAll(async () => {
    // The browser's pages keep live streams open, and their sessions' re-checks call Discord:
    // closed, so the calls counted below are the sign-in's own.
    for (const open of context.pages()) await open.close();
    const p = platform.people;
    [cookies.outsider, cookies.member, cookies.moderator] = await Promise.all([
      sessionCookie(p.otto),
      sessionCookie(p.mia),
      sessionCookie(p.max),
    ]);
  });

  it('covers every route file', () => {
    const api = join(DASHBOARD_DIR, 'src', 'app', 'api');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const f = join(dir, n);
        if (statSync(f).isDirectory()) walk(f);
        else if (n === 'route.ts') files.push(relative(api, dir));
      }
    };
    walk(api);
    expect(files.sort()).toEqual([...new Set(CASES.map((c) => c.route))].sort());
  });

  const who: Who[] = ['anonymous', 'outsider', 'member', 'moderator'];
  it.each(CASES.flatMap((c) => who.map((w) => [c.method, c.route, w, c] as const)))(
    '%s %s as %s',
    async (method, _route, w, c) => {
      const controller = new AbortController();
      const p = platform.people;
      const own = { outsider: p.otto, member: p.mia, moderator: p.max };
      const cookie = c.endsSession && w !== 'anonymous' ? await sessionCookie(own[w]) : cookies[w];
      const res = await fetch(url(c.path(platform.people)), {
        method,
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          cookie,
          origin: platform.urls.dashboard,
          ...(c.body ? { 'content-type': 'application/json' } : {}),
        },
        body: c.body ? JSON.stringify(c.body) : undefined,
      });
      controller.abort(); // the live stream never ends on its own
      expect({ status: res.status }).toEqual({ status: c.expect[w] });
    },
  );

  it.each(PAGES.flatMap((pg) => who.map((w) => [w, pg] as const)))('page as %s', async (w, pg) => {
    const res = await fetch(url(pg.path(platform.people)), {
      redirect: 'manual',
      headers: { cookie: cookies[w] },
    });
    expect({ page: pg.path(platform.people), status: res.status }).toEqual({
      page: pg.path(platform.people),
      status: pg.expect[w],
    });
  });

  it('treats a member holding the guild’s configured moderator role as a moderator', async () => {
    const p = platform.people;
    await platform.service(
      platform.urls.onboarding,
      `/guilds/${p.guildId}/setup`,
      { sub: p.max, role: 'moderator' },
      { method: 'PUT', body: { modRoleId: p.helperRoleId, createMissingRoles: false } },
    );
    const hana = await sessionCookie(p.hana);
    expect(
      (await fetch(url(`/api/guilds/${p.guildId}/mod/xp-policy`), { headers: { cookie: hana } })).status,
    ).toBe(200);
    expect(
      (await fetch(url(`/${p.guildId}/mod`), { redirect: 'manual', headers: { cookie: hana } })).status,
    ).toBe(200);
  });

  it('signs in from what Guildhall knows, without walking the bot’s guilds on Discord, and limits sign-ins per account', async () => {
    const p = platform.people;
    const uma = platform.sim.addMember(p.guildId, { username: 'uma', globalName: 'Uma' }).user!.id;
    // Its own address, so only the per-account limit is in play.
    const from = { 'x-forwarded-for': '198.51.100.20' };
    const since = Math.max(0, ...platform.sim.calls().map((c) => c.seq));
    await sessionCookie(p.mia, from);
    const during = platform.sim.calls().filter((c) => c.seq > since);
    // The member's own guild list, once, with their token; the bot's list is never paged.
    expect(during.filter((c) => c.path.endsWith('/users/@me/guilds'))).toHaveLength(1);
    // Nor is the member read from Discord: the roles service knows their roles.
    expect(during.filter((c) => c.path.includes(`/members/${p.mia}`))).toEqual([]);

    for (let i = 0; i < 10; i++) await sessionCookie(uma, from);
    const eleventh = await signInAttempt(uma, from);
    expect(eleventh.headers.get('location')).toBe(`${platform.urls.dashboard}/?error=too-many`);
    expect(eleventh.headers.getSetCookie().some((c) => c.startsWith('gh_session='))).toBe(false);
    // Another account from the same address still signs in.
    await sessionCookie(p.mia, from);
  });

  it('refuses a change forged from another site (a moderator visiting evil.example), and JSON sent as text/plain, storing nothing', async () => {
    const p = platform.people;
    const policyUrl = url(`/api/guilds/${p.guildId}/mod/xp-policy`);
    const before = await (await fetch(policyUrl, { headers: { cookie: cookies.moderator } })).json();
    const forged = { ...(before as { policy: object }).policy, cooldownSeconds: 1 };
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example', 'content-type': 'application/json' },
      { origin: `${platform.urls.dashboard}.evil.example`, 'content-type': 'application/json' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      { 'content-type': 'application/json' },
    ];
    for (const headers of attempts) {
      const res = await fetch(policyUrl, {
        method: 'PUT',
        headers: { cookie: cookies.moderator, ...headers },
        body: JSON.stringify(forged),
      });
      expect({ headers, status: res.status }).toEqual({ headers, status: 403 });
      expect(((await res.json()) as { error: string }).error).toMatch(/^Refused: /);
    }
    // A form on another site can send text/plain without the browser asking first; it is not JSON to us.
    const plain = await fetch(policyUrl, {
      method: 'PUT',
      headers: { cookie: cookies.moderator, origin: platform.urls.dashboard, 'content-type': 'text/plain' },
      body: JSON.stringify(forged),
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({ error: 'Send the body as application/json, not text/plain.' });
    expect(await (await fetch(policyUrl, { headers: { cookie: cookies.moderator } })).json()).toEqual(before);

    // Nor can another site sign the member out.
    const logout = await fetch(url('/api/auth/logout'), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookies.moderator, origin: 'https://evil.example' },
    });
    expect(logout.status).toBe(403);
    expect(logout.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a leaked code brought to the callback by another browser (PKCE): the code is bound to the browser that asked for it', async () => {
    const p = platform.people;
    // The victim starts signing in; their code leaks (a log, a Referer) before their browser uses it.
    const victim = await fetch(url(`/api/auth/login?login_as=${p.max}`), { redirect: 'manual' });
    const authorize = new URL(victim.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const leaked = new URL(
      (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!,
    ).searchParams.get('code')!;
    // The attacker starts a sign-in of their own and brings the victim's code with their own state.
    const own = await fetch(url(`/api/auth/login?login_as=${p.otto}`), { redirect: 'manual' });
    const state = new URL(own.headers.get('location')!).searchParams.get('state')!;
    const cookie = own.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const callback = await fetch(
      url(`/api/auth/callback?code=${encodeURIComponent(leaked)}&state=${encodeURIComponent(state)}`),
      { redirect: 'manual', headers: { cookie } },
    );
    expect(callback.headers.get('location')).toBe(`${platform.urls.dashboard}/?error=rejected`);
    expect(callback.headers.getSetCookie().some((c) => /^gh_session=[^;]/.test(c))).toBe(false);
  });

  it('keeps a member’s role requests out of other members’ live streams; moderators hear them', async () => {
    const p = platform.people;
    /** Collects a live stream's event lines until `stop`. */
    const listen = async (cookie: string) => {
      const controller = new AbortController();
      const res = await fetch(url(`/api/guilds/${p.guildId}/live`), {
        headers: { cookie },
        signal: controller.signal,
      });
      const lines: string[] = [];
      const reader = res.body!.getReader();
      void (async () => {
        const decoder = new TextDecoder();
        for (;;) {
          const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (chunk.done) return;
          lines.push(
            ...decoder
              .decode(chunk.value)
              .split('\n')
              .filter((l) => l.startsWith('data: ')),
          );
        }
      })();
      await waitFor(
        () => lines.some((l) => l.includes('"ready"')),
        10_000,
        () => 'the stream never opened',
      );
      return { lines, stop: () => controller.abort() };
    };
    const member = await listen(cookies.member);
    const moderator = await listen(cookies.moderator);
    try {
      // Hana asks for the Artist role.
      await platform.service(
        platform.urls.roles,
        `/guilds/${p.guildId}/members/${p.hana}/requests`,
        { sub: p.hana, role: 'member' },
        { method: 'POST', body: { add: [p.artistRoleId] } },
      );
      const aboutHana = (l: string) => l.includes('"kind":"roles"') && l.includes(p.hana);
      await waitFor(
        () => moderator.lines.some(aboutHana),
        15_000,
        () => 'the moderator never heard of the request',
      );
      // The moderator heard it; the member's stream, open the whole time, did not.
      expect(member.lines.filter(aboutHana)).toEqual([]);
    } finally {
      member.stop();
      moderator.stop();
    }
  });

  it('never lets another guild’s member read this guild through their own guild id', async () => {
    const p = platform.people;
    const res = await fetch(url(`/api/guilds/${p.otherGuildId}/members/${p.mia}/roles`), {
      headers: { cookie: cookies.outsider },
    });
    expect(res.status).toBe(403);
  });
});

describe('sessions end on the server', () => {
  const session = (cookie: string) =>
    fetch(url('/api/session'), { headers: { cookie } }).then(
      async (r) => ((await r.json()) as { user: { id: string } | null }).user?.id ?? null,
    );
  const status = (cookie: string, path: string) =>
    fetch(url(path), { redirect: 'manual', headers: { cookie } }).then((r) => r.status);
  const logout = (cookie: string, query = '') =>
    fetch(url(`/api/auth/logout${query}`), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: platform.urls.dashboard },
    });

  /** A member of the guild of their own, so these sign-ins do not count against another test's member. */
  const newMember = (username: string) =>
    platform.sim.addMember(platform.people.guildId, { username, globalName: username }).user!.id;

  it('makes a copied session cookie worthless once the member signs out', async () => {
    const { guildId } = platform.people;
    const mia = newMember('sam');
    const stolen = await sessionCookie(mia);
    expect(await session(stolen)).toBe(mia);
    const out = await logout(stolen);
    expect(out.status).toBe(303);
    // The browser is told to forget it, and the server has forgotten it too.
    expect(out.headers.getSetCookie().some((c) => /^gh_session=;/.test(c))).toBe(true);
    expect(await session(stolen)).toBeNull();
    expect(await status(stolen, `/api/guilds/${guildId}/members/${mia}/roles`)).toBe(401);
  });

  it('signs out everywhere: every session of the member ends and Discord is told to revoke their tokens', async () => {
    const { max } = platform.people;
    const mia = newMember('eve');
    const [laptop, phone, other] = await Promise.all([
      sessionCookie(mia),
      sessionCookie(mia),
      sessionCookie(max),
    ]);
    const since = Math.max(0, ...platform.sim.calls().map((c) => c.seq));
    expect((await logout(laptop, '?everywhere=1')).status).toBe(303);
    expect(await session(phone)).toBeNull();
    expect(await session(laptop)).toBeNull();
    // Another member is not signed out.
    expect(await session(other)).toBe(max);
    const revoked = platform.sim
      .calls()
      .filter((c) => c.seq > since && c.path.endsWith('/oauth2/token/revoke'));
    expect(revoked.length).toBeGreaterThanOrEqual(2);
  });

  it('takes moderator power from a moderator whose moderator role is removed, within the re-check interval', async () => {
    const p = platform.people;
    await platform.service(
      platform.urls.onboarding,
      `/guilds/${p.guildId}/setup`,
      { sub: p.max, role: 'moderator' },
      { method: 'PUT', body: { modRoleId: p.helperRoleId, createMissingRoles: false } },
    );
    const hugo = platform.sim.addMember(p.guildId, {
      username: 'hugo',
      globalName: 'Hugo',
      roles: [p.helperRoleId],
    }).user!.id;
    // The roles service learns Hugo's roles from the gateway; then he signs in as a moderator.
    let cookie = '';
    await waitFor(
      async () => {
        cookie = await sessionCookie(hugo);
        return (await status(cookie, `/api/guilds/${p.guildId}/mod/xp-policy`)) === 200;
      },
      30_000,
      () => 'hugo never signed in as a moderator',
    );
    platform.sim.updateMember(p.guildId, hugo, { roles: [] });
    const demotedBy = Date.now() + (SESSION_RECHECK_SECONDS + 20) * 1000;
    await waitFor(
      async () => (await status(cookie, `/api/guilds/${p.guildId}/mod/xp-policy`)) === 403,
      demotedBy - Date.now(),
      () => 'the demoted moderator kept moderator access',
    );
    expect(await status(cookie, `/${p.guildId}/mod`)).toBe(403);
    // Still a member of the guild, and still signed in.
    expect(await status(cookie, `/api/guilds/${p.guildId}/members/${hugo}/roles`)).toBe(200);
    expect(await session(cookie)).toBe(hugo);
  });

  it('shuts a member who left the guild out of it, within the re-check interval', async () => {
    const p = platform.people;
    const lea = platform.sim.addMember(p.guildId, { username: 'lea', globalName: 'Lea' }).user!.id;
    let cookie = '';
    await waitFor(
      async () => {
        cookie = await sessionCookie(lea);
        return (await status(cookie, `/api/guilds/${p.guildId}/members/${lea}/roles`)) === 200;
      },
      30_000,
      () => 'lea never signed in as a member',
    );
    platform.sim.removeMember(p.guildId, lea);
    await waitFor(
      async () => (await status(cookie, `/api/guilds/${p.guildId}/members/${lea}/roles`)) === 403,
      (SESSION_RECHECK_SECONDS + 20) * 1000,
      () => 'the member who left kept access to the guild',
    );
    expect(await status(cookie, `/${p.guildId}`)).toBe(403);
  });
});
