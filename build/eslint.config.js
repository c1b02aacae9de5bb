// Lint, including the layering rule of ARCHITECTURE.md ("what each folder may import"):
//   shared/   — pure: no node:*, electron, ssh2, DOM, svelte; nothing from electron/ or renderer/
//   electron/ — shared/, node, ssh2; only electron/shell/ imports `electron`; nothing from renderer/
//   renderer/ — shared/, svelte, cytoscape; no node:*, electron, ssh2; nothing from electron/
// (renderer/transport/ is the one renderer folder that may name the wire types in shared/api.)
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'url', 'stream', 'events', 'util', 'worker_threads'];

const layer = (forbiddenModules, forbiddenFolders, message) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: forbiddenModules, message },
        ...forbiddenFolders.map((folder) => ({
          group: [`**/${folder}/**`, `../${folder}/**`],
          message: `${message} (no imports from ${folder}/)`,
        })),
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', '.lab/', 'build/screenshot*'],
  },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      ...layer(
        [...NODE_BUILTINS, 'electron', 'electron/*', 'ssh2', 'ssh-config', 'ws', 'svelte', 'svelte/*', 'cytoscape', 'cytoscape-*'],
        ['electron', 'renderer'],
        'shared/ is pure: it may not import platform code',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: layer(
      [...NODE_BUILTINS, 'electron', 'electron/*', 'ssh2', 'ssh-config', 'ws'],
      ['electron'],
      'renderer/ talks to the backend only through the API contract',
    ),
  },
  {
    files: ['electron/**'],
    ignores: ['electron/shell/**'],
    languageOptions: { globals: globals.node },
    rules: layer(['electron', 'electron/*', 'svelte', 'svelte/*', 'cytoscape', 'cytoscape-*'], ['renderer'], 'only electron/shell/ may import electron; no UI code in the backend'),
  },
  {
    files: ['electron/shell/**'],
    languageOptions: { globals: globals.node },
    rules: layer(['svelte', 'svelte/*', 'cytoscape', 'cytoscape-*'], ['renderer'], 'the shell does not import UI code'),
  },
  {
    files: ['test/**', 'build/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
