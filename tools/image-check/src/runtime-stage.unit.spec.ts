import { parseDockerfile } from './dockerfile';
import {
  npmInstalls,
  productionInstall,
  runtimeEnv,
  runtimeStageProblems,
  runtimeUser,
} from './runtime-stage';

const image = (runtime: string) =>
  parseDockerfile(
    [
      'FROM node:20 AS build',
      'RUN npm ci && npm run build',
      'FROM node:20 AS deps',
      'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts',
      'FROM node:20-slim',
      runtime,
    ].join('\n'),
  );

const good =
  'ENV NODE_ENV=production SERVICE=xp\nCOPY --from=deps /app/node_modules node_modules\nUSER 1000:1000';

describe('the runtime stage', () => {
  it('passes when it runs as a numbered user, in production, on dependencies installed without dev', () => {
    expect(runtimeStageProblems(image(good))).toEqual([]);
    expect(runtimeUser(image(good))).toEqual({ uid: 1000, gid: 1000 });
    expect(runtimeEnv(image(good))).toEqual({ NODE_ENV: 'production', SERVICE: 'xp' });
  });

  it('fails without a USER, or with root by name or number', () => {
    const withoutUser = good.replace('USER 1000:1000', '');
    expect(runtimeStageProblems(image(withoutUser))).toEqual([
      'the runtime stage has no USER, so it runs as root',
    ]);
    expect(runtimeStageProblems(image(`${good}\nUSER root`))).toEqual([
      'the runtime stage runs as root (USER root)',
    ]);
    expect(runtimeStageProblems(image(`${good}\nUSER 0:1000`))).toEqual([
      'the runtime stage runs as root (USER 0:1000)',
    ]);
  });

  it('fails when its node_modules come from a stage that installed devDependencies', () => {
    const fromBuild = good.replace('--from=deps', '--from=build');
    expect(runtimeStageProblems(image(fromBuild))).toEqual([
      '`npm ci` (stage build) installs devDependencies',
    ]);
  });

  it('fails without NODE_ENV=production, which Next and Express read', () => {
    expect(runtimeStageProblems(image(good.replace('NODE_ENV=production', 'NODE_ENV=development')))).toEqual([
      'the runtime stage does not set NODE_ENV=production',
    ]);
  });

  it("names the install command of the stage it copies node_modules from, the image's own", () => {
    expect(productionInstall(image(good))).toEqual(['npm', 'ci', '--omit=dev', '--ignore-scripts']);
  });
});

describe('npmInstalls', () => {
  it('finds npm ci and npm install among the commands of a RUN, past its --mount options', () => {
    expect(npmInstalls('--mount=type=cache,target=/root/.npm npm ci --omit=dev && npm cache clean')).toEqual([
      ['npm', 'ci', '--omit=dev'],
    ]);
    expect(npmInstalls('apt-get update; npm install -g npm')).toEqual([['npm', 'install', '-g', 'npm']]);
  });
});
