import { requiredPackages, requireProblem } from './required-packages';

describe('requiredPackages', () => {
  it("names each package once, by its name, without relative paths and Node's own modules", () => {
    const code = [
      'const _core = require("@nestjs/core");',
      'const _v10 = require("discord-api-types/v10");',
      'const _pg = require("pg"), again = require("pg");',
      'const _app = require("./app");',
      'const _fs = require("node:fs"), _path = require("path");',
    ].join('\n');
    expect(requiredPackages(code)).toEqual(['@nestjs/core', 'discord-api-types', 'pg']);
  });
});

describe('requireProblem', () => {
  const root = { dependencies: { pg: '^8' }, devDependencies: { jest: '^30' } };
  const shipped = new Set(['@guildhall/platform']);

  it('accepts production dependencies and the workspace packages the image ships', () => {
    expect(requireProblem('pg', root, shipped, true)).toBeUndefined();
    expect(requireProblem('@guildhall/platform', root, shipped, true)).toBeUndefined();
  });

  it('refuses a devDependency, and a workspace package left out of the image', () => {
    expect(requireProblem('jest', root, shipped, false)).toBe(
      'jest is a devDependency: npm ci --omit=dev leaves it out',
    );
    expect(requireProblem('@guildhall/testing', root, shipped, false)).toBe(
      '@guildhall/testing is a workspace package the image does not ship',
    );
  });

  it('refuses an undeclared package only in our own code, not in optional requires of bundles', () => {
    expect(requireProblem('lodash', root, shipped, true)).toBe('lodash is not a dependency in package.json');
    expect(requireProblem('@opentelemetry/api', root, shipped, false)).toBeUndefined();
  });
});
