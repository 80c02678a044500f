import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', '.rrcu', 'coverage', 'src/store/migrations', 'web/src/api-types.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The layer order and capability surfaces of docs/architecture.md (eslint/layers.js).
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'harness/**/*.ts', 'scripts/**/*.ts', 'web/**/*.{ts,tsx}'],
    plugins: { rrcu: layers },
    rules: {
      'rrcu/layers': 'error',
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
