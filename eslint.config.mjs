import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import guildhall from './tools/lint-rules/src/index.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '**/.next/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { guildhall },
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // A service may use contracts and libraries, never another service or the dashboard.
      'guildhall/module-boundaries': 'error',
    },
  },
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
