import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Lints `code` as if it were the file at `filePath`, with the workspace's real ESLint config. */
function lint(filePath: string, code: string): string[] {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--stdin',
      '--stdin-filename',
      filePath,
      '--format',
      'json',
    ],
    { cwd: ROOT, input: code, encoding: 'utf8' },
  );
  if (result.status !== 0 && result.status !== 1) throw new Error(`eslint failed: ${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as Array<{
    messages: Array<{ ruleId: string | null; message: string }>;
  }>;
  return report.messages.filter((m) => m.ruleId === 'guildhall/module-boundaries').map((m) => m.message);
}

describe('module boundaries, checked by `npm run lint`', () => {
  it('fails a service that imports another service, by package or by path', () => {
    const errors = lint(
      'services/xp/src/fixture.ts',
      [
        "import { startGatewayService } from '@guildhall/gateway';",
        "import { startRolesService } from '../../roles/src/app';",
        "export { rolesConfig } from '../../roles/src/config';",
        "const onboarding = require('@guildhall/onboarding');",
        'export const used = [startGatewayService, startRolesService, onboarding];',
      ].join('\n'),
    );
    expect(errors).toHaveLength(4);
    expect(errors[0]).toBe(
      "'@guildhall/gateway': a service never imports the gateway service: talk through events or HTTP.",
    );
  });

  it('fails a service test that imports another service or the dashboard', () => {
    const errors = lint(
      'services/roles/test/fixture.int.spec.ts',
      "import { startXpService } from '../../xp/src/app';\nimport { env } from '../../../apps/dashboard/src/lib/env';\nexport const used = [startXpService, env];",
    );
    expect(errors).toEqual([
      "'../../xp/src/app': a service never imports the xp service: talk through events or HTTP.",
      "'../../../apps/dashboard/src/lib/env': a service never imports the dashboard app: talk through events or HTTP.",
    ]);
  });

  it('fails the dashboard and a plain library importing a service, and lets the harness start services', () => {
    expect(
      lint(
        'apps/dashboard/test/fixture.ts',
        "import { DEFAULT_RULES } from '../../../services/onboarding/src/domain/default-rules';\nexport const r = DEFAULT_RULES;",
      ),
    ).toHaveLength(1);
    expect(
      lint(
        'libs/eventing/src/fixture.ts',
        "import { startXpService } from '@guildhall/xp';\nexport const s = startXpService;",
      ),
    ).toHaveLength(1);
    expect(
      lint(
        'libs/harness/src/fixture.ts',
        "import { startXpService } from '@guildhall/xp';\nexport const s = startXpService;",
      ),
    ).toEqual([]);
  });

  it('lets a service import its own code, contracts and libraries', () => {
    expect(
      lint(
        'services/xp/src/fixture.ts',
        "import { envelope } from '@guildhall/contracts';\nimport { Topology } from '@guildhall/eventing';\nimport { xpConfig } from '../src/config';\nimport { join } from 'node:path';\nexport const used = [envelope, Topology, xpConfig, join];",
      ),
    ).toEqual([]);
  });
});
