// ESLint, type-aware (typescript-eslint's recommendedTypeChecked), over every TypeScript file:
// the product, the simulator, the benchmarks and the tests. Rules turned off say why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'bench/results/', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Short functions are a house rule: none over 80 lines, counting every line.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }],
      // `_`-prefixed parameters are deliberately unused (positional callbacks).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // The kinds table holds SourceKind<any>: each kind has its own options type, checked inside its folder.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Test suites are long describe() callbacks by nature; the 80-line rule is for the product, simulator and bench.
      'max-lines-per-function': 'off',
    },
  },
);
