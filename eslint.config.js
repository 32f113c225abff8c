// Code lint for every package, the scripts and the docs builder. Type-aware, because the rules that matter most
// here need types: a floating promise is an unhandled rejection waiting to happen.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'docs/site/**',
      'docs/test-results/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // An abort reason is whatever the caller passed to abort(); it is passed on as it came.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingUnknown: true, allowThrowingAny: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message:
            'List exports explicitly; `export *` is only for a package entry (src/index.ts, src/internal.ts) re-exporting one module whole.',
        },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
      ],
    },
  },
  {
    // The benchmarks' own tsconfig has no `paths` on purpose (it runs them against dist/); they are type-checked, and
    // so linted, with the root tsconfig.
    files: ['scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.json' } },
  },
  {
    // Test doubles implement async interfaces (fetch) without awaiting anything.
    files: ['**/test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Config files are loaded by their tools, which expect a default export.
    files: ['**/*.config.ts', '**/*.config.mts', 'specs/redocly-plugins/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // A package entry re-exports whole modules (the generated client, core's public entry), so the error classes and
    // the generated types are listed once, where they are defined.
    files: ['packages/*/src/index.ts', 'packages/*/src/internal.ts', 'packages/*/src/testing/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' }],
    },
  },
  {
    // Prettier wraps code at 120 characters; this catches what it leaves long: comments. A message string stays whole
    // on its line, so that it can be found by searching for the text a user saw.
    files: ['**/*.ts', '**/*.mts'],
    ignores: ['**/generated/**'],
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true },
      ],
    },
  },
);
