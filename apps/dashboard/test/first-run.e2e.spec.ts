import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DASHBOARD_DIR,
  launchBrowser,
  npmStart,
  type Browser,
  type StartedPlatform,
} from '@guildhall/harness';
import { waitFor } from './platform-harness';

/**
 * README's first command, as a newcomer types it on a fresh clone: `npm start`, with and without
 * NODE_ENV=development in the shell, after a dashboard build that failed half-way. Then the demo
 * owner signs in and finds a live community.
 */
const SCREENSHOTS = join(DASHBOARD_DIR, '..', '..', 'test-output', 'screenshots', 'first-run');
jest.setTimeout(900_000);

interface DemoGuild {
  id: string;
  ownerId: string;
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function demoGuild(platform: StartedPlatform): Promise<DemoGuild> {
  const guilds = (await (await fetch(`${platform.simUrl}/_sim/guilds`)).json()) as Array<
    DemoGuild & { name: string }
  >;
  const demo = guilds.find((g) => g.name === 'Guildhall Demo');
  if (!demo) throw new Error(`no demo guild on the simulator: ${JSON.stringify(guilds.map((g) => g.name))}`);
  return demo;
}

async function signIn(page: Page, platform: StartedPlatform, userId: string, next: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(
    `${platform.dashboardUrl}/api/auth/login?login_as=${userId}&next=${encodeURIComponent(next)}`,
  );
  await page.waitForURL(`${platform.dashboardUrl}${next}`);
}

/** Reloads `page` until `check` holds: the demo fills in over the first minutes. */
async function eventually(
  page: Page,
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 180_000,
): Promise<void> {
  await waitFor(
    async () => {
      await page.reload();
      return check();
    },
    timeoutMs,
    () => `${what} never showed on ${page.url()}`,
  );
}

/** What the demo owner sees on first run: a live rules gate, members who agreed, a filled leaderboard. */
async function ownerSeesALiveCommunity(platform: StartedPlatform, label: string): Promise<void> {
  const guild = await demoGuild(platform);
  const page = await browser.context.newPage();
  try {
    await signIn(page, platform, guild.ownerId, `/${guild.id}/mod/onboarding`);
    await eventually(
      page,
      async () => (await page.getByText('Live', { exact: true }).count()) > 0,
      'a live onboarding setup',
    );
    expect(await page.getByRole('combobox', { name: 'Rules channel' }).inputValue()).toBe('#rules');
    await page.screenshot({ path: join(SCREENSHOTS, `${label}-onboarding.png`), fullPage: true });

    await page.goto(`${platform.dashboardUrl}/${guild.id}/mod`);
    const agreed = page.getByTestId('funnel').locator('li', { hasText: 'Agreed to the rules' });
    await eventually(
      page,
      async () =>
        Number(((await agreed.textContent()) ?? '').match(/([\d,]+) ·/)?.[1].replace(',', '') ?? 0) >= 1,
      'a demo member who agreed',
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${label}-funnel.png`), fullPage: true });

    await page.goto(`${platform.dashboardUrl}/${guild.id}/leaderboard`);
    await eventually(
      page,
      async () => (await page.getByTestId('leaderboard').locator('tbody tr').count()) >= 10,
      'a filled leaderboard',
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${label}-leaderboard.png`), fullPage: true });
  } finally {
    await page.close();
  }
}

describe('npm start on a fresh clone', () => {
  it('rebuilds a dashboard build that failed half-way, with NODE_ENV=development exported, and comes up', async () => {
    // What the failed build of Next 15 left behind: BUILD_ID, but no prerender manifest and no stamp.
    rmSync(join(DASHBOARD_DIR, '.next', 'guildhall-build.json'), { force: true });
    rmSync(join(DASHBOARD_DIR, '.next', 'prerender-manifest.json'), { force: true });
    const platform = await npmStart({ NODE_ENV: 'development' });
    try {
      expect(platform.log()).toContain('building the dashboard');
      expect(existsSync(join(DASHBOARD_DIR, '.next', 'guildhall-build.json'))).toBe(true);
      await ownerSeesALiveCommunity(platform, 'development');
    } finally {
      await platform.cleanup();
    }
  });

  it('starts again without NODE_ENV, on the build it already has', async () => {
    const platform = await npmStart({ NODE_ENV: undefined });
    try {
      expect(platform.log()).not.toContain('building the dashboard');
      await ownerSeesALiveCommunity(platform, 'no-node-env');
    } finally {
      await platform.cleanup();
    }
  });
});
