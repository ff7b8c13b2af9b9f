import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'dist/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'dev-dist/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' }
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	// Layer rules (docs/ARCHITECTURE.md): what a layer may not import, checked on every lint.
	{
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'yjs',
								'dexie',
								'svelte',
								'svelte/*',
								'$app/*',
								'**/crdt/**',
								'**/projection/**',
								'**/workspace/**',
								'**/sync/**',
								'**/state/**',
								'**/components/**',
								'**/i18n/**',
								'**/features/**'
							],
							message: 'domain/ holds pure rules: no doc, storage, UI state or message catalogues.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'**/features/**',
								'**/workspace/**',
								'**/state/**',
								'**/components/**',
								'**/i18n/en/*',
								'**/i18n/zh-CN/*'
							],
							message: 'core/ sits below the features: they register with it, not the other way.'
						}
					]
				}
			]
		}
	},
	{
		// (domain/ and core/ have their own, stricter lists above: one list per file, as ESLint
		// takes the last block's options for a rule.)
		files: ['src/lib/{crdt,projection,features,workspace,backup,export,demo}/**/*.ts'],
		ignores: ['**/*.svelte.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/i18n/en/*', '**/i18n/zh-CN/*', '**/state/**', '**/components/**'],
							message:
								'Below the UI: no message catalogues, UI state or components (the page translates).'
						}
					]
				}
			]
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	}
);
