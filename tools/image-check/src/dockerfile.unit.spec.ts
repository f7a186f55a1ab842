import { parseDockerfile, splitFlags } from './dockerfile';

describe('parseDockerfile', () => {
  it('splits stages at FROM, with their names, and joins continued lines without their comments', () => {
    const stages = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG NODE=20',
        'FROM --platform=linux/amd64 node:20 AS build',
        'RUN npm ci \\',
        '  # the whole workspace',
        '  && npm run build',
        '',
        'from node:20-slim',
        'USER 1000:1000',
      ].join('\n'),
    );
    expect(stages).toEqual([
      { base: 'node:20', name: 'build', instructions: [{ keyword: 'RUN', args: 'npm ci && npm run build' }] },
      { base: 'node:20-slim', instructions: [{ keyword: 'USER', args: '1000:1000' }] },
    ]);
  });

  it('refuses an instruction before the first FROM', () => {
    expect(() => parseDockerfile('RUN true\nFROM node:20')).toThrow('RUN before the first FROM');
  });
});

describe('splitFlags', () => {
  it('separates the --flag=value options from the arguments', () => {
    expect(splitFlags('--from=deps --chown=node:node /app/node_modules node_modules')).toEqual({
      flags: { from: 'deps', chown: 'node:node' },
      rest: '/app/node_modules node_modules',
    });
  });
});
