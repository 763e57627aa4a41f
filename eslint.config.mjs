// Flat ESLint config: type-checked rules everywhere, and the import rules of DESIGN.md §7.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'net',
  'http',
  'https',
  'crypto',
  'child_process',
  'dgram',
  'url',
  'events',
];
const ipcNames = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw ipcMain/ipcRenderer only in src/main/ipc and src/preload (use the typed contract).',
};
const restrict = (patterns, paths = []) => [
  'error',
  {
    patterns: patterns.map((group) => ({
      group: [group],
      message: `Not allowed here (DESIGN.md §7): ${group}`,
    })),
    paths,
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      'coverage',
      'test-results',
      '**/*.d.ts.map',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [ipcNames] }],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      // TypeScript checks names in <script setup lang="ts"> (as it does in .ts files).
      'no-undef': 'off',
      // Template layout is Prettier's job; these stylistic rules fight its output.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    files: ['bench/**/*.{js,mjs}', 'scripts/**/*.mjs', 'bin/**/*.mjs'],
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node, ...globals.browser },
    },
  },
  // src/shared: nothing of ours, no electron, node or DOM.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        'electron',
        ...nodeBuiltins,
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
        'vue',
        'pinia',
      ]),
    },
  },
  // Services that also run headless never import electron.
  {
    files: [
      'src/main/signaling/**/*.ts',
      'src/main/discovery/**/*.ts',
      'src/main/settings/**/*.ts',
      'src/main/web/**/*.ts',
      'src/main/cli/**/*.ts',
      'src/main/logging/**/*.ts',
      'src/main/http/**/*.ts',
      'src/main/app/**/*.ts',
      'src/main/security/csp.ts',
      'src/main/serve.ts',
    ],
    // The window factory is the one Electron file among the hosting and app-state code.
    ignores: ['src/main/app/createMainWindow.ts'],
    rules: { 'no-restricted-imports': restrict(['electron', 'electron/*']) },
  },
  // The peer client: no Vue, no Electron, no meeting/stores.
  {
    files: ['src/renderer/src/peer/**/*.ts'],
    rules: {
      // Bare Node builtin names are banned as exact paths: as patterns, 'events' would also
      // ban the folder's own './events' module (DESIGN.md §7 names it events.ts).
      'no-restricted-imports': restrict(
        [
          'vue',
          'pinia',
          'electron',
          'node:*',
          '**/meeting/**',
          '**/stores/**',
          '**/components/**',
          '**/views/**',
          '**/host/**',
        ],
        nodeBuiltins
          .filter((name) => !name.startsWith('node:'))
          .map((name) => ({ name, message: `Not allowed here (DESIGN.md §7): ${name}` })),
      ),
    },
  },
  // The meeting engine: no Vue.
  {
    files: ['src/renderer/src/meeting/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        'vue',
        'pinia',
        'electron',
        ...nodeBuiltins,
        '**/stores/**',
        '**/components/**',
        '**/views/**',
      ]),
    },
  },
  // Components and views reach meeting/, devices/, host/ and peer/ only through stores/.
  {
    files: ['src/renderer/src/components/**/*.{ts,vue}', 'src/renderer/src/views/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': restrict([
        'electron',
        '**/meeting/**',
        '**/devices/**',
        '**/host/**',
        '**/peer/**',
        '@renderer/meeting/*',
        '@renderer/devices/*',
        '@renderer/host/*',
        '@renderer/peer/*',
      ]),
    },
  },
  // Raw IPC is allowed only in the IPC layer and the preload.
  {
    files: ['src/main/ipc/**/*.ts', 'src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
