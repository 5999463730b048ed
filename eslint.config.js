import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only server/config/env.ts may read the environment (docs/ARCHITECTURE.md, Embedded defaults).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration from Config (server/config/env.ts).' }],
    },
  },
  {
    files: ['server/config/env.ts', 'test/**', 'bench/**', '*.config.*', 'web/vite.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['web/src/**'], languageOptions: { globals: { ...globals.browser } } },
  // Test helpers hand back parsed JSON; asserting on it is the test's job, not the type system's.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
