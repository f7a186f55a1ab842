// One jest run for the whole workspace. Unit tests are pure and fast; integration and e2e
// tests talk to the real Postgres and NATS on this machine and run after them.
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };
const base = { testEnvironment: 'node', transform, rootDir: __dirname };

module.exports = {
  // Global: jest ignores testTimeout inside a project.
  testTimeout: 60000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{apps,libs,services,tools}/*/src/**/*.unit.spec.ts',
        '<rootDir>/bench/**/*.unit.spec.ts',
      ],
    },
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,services,tools}/*/test/**/*.int.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,services,tools}/*/test/**/*.e2e.spec.ts'],
    },
  ],
};
