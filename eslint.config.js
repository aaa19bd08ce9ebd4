// One tool lints and formats: ESLint with typescript-eslint and @stylistic.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Imports flow data → analysis ← meta, survival; analysis → charts → app; cli uses analysis (and data to read files).
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});
const pureCore = 'the core (src/data, src/meta, src/survival, src/analysis) must not import the charts, app or cli';
const statistics = 'src/meta and src/survival are statistics on effect sizes and patients: they import nothing from src/data or src/analysis';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-single/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  stylistic.configs.customize({ semi: true, quotes: 'single', arrowParens: true, braceStyle: '1tbs' }),
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@stylistic/max-len': ['error', { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreComments: true, ignoreRegExpLiterals: true }],
      '@stylistic/operator-linebreak': 'off',
      '@stylistic/multiline-ternary': 'off',
      // Data is never written as HTML: text goes through textContent / DOM nodes.
      'no-restricted-syntax': [
        'error',
        { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'no innerHTML/outerHTML: build DOM nodes and set textContent' },
        { selector: 'CallExpression[callee.property.name=\'insertAdjacentHTML\']', message: 'no insertAdjacentHTML: build DOM nodes' },
        { selector: 'CallExpression[callee.property.name=\'write\'][callee.object.name=\'document\']', message: 'no document.write' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/data/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(['**/meta/**', '**/survival/**', '**/analysis/**', '**/charts/**', '**/app/**', '**/cli/**'], 'src/data depends on nothing else in src'),
  },
  {
    files: ['src/meta/**/*.ts', 'src/survival/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(['**/data/**', '**/analysis/**', '**/charts/**', '**/app/**', '**/cli/**'], `${statistics}; ${pureCore}`),
  },
  {
    files: ['src/analysis/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(['**/charts/**', '**/app/**', '**/cli/**'], pureCore),
  },
  {
    files: ['src/charts/**/*.ts'],
    rules: restrict(['**/app/**', '**/cli/**'], 'charts read results; they never import the app or cli'),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict(['**/charts/**', '**/app/**'], 'the cli uses the analysis layer (and data, meta, survival), never charts or app'),
  },
);
