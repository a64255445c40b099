// Lint for Lumen. Import boundaries between layers live in .ci/dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: globals.node } },
  { ignores: ['dist/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Time comes from the injected clock in domain code (tests travel in time).
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/core/clock.ts', 'src-main/core/logger.ts', 'src-main/bench/**', 'src-main/demo/cli.ts', 'src-main/electron/**', 'src-main/transports/**', 'src-main/launch.ts', 'src-main/build.ts', 'src-main/cli.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the injected clock (ctx.now / runtime.clock.now()).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected clock (ctx.now / runtime.clock.now()).' },
      ],
    },
  },
);
