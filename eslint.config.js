import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
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
	// Layer rules (docs/ARCHITECTURE.md), checked on every lint. Paths are resolved (import-x),
	// so a relative import is judged by the file it reaches, not by how it is spelled.
	{
		files: ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts', 'bench/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
			'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
			'import-x/extensions': ['.ts', '.js'],
			// Components are leaves for the cycle check: their imports are scripts the TS files see.
			'import-x/ignore': ['\\.svelte$']
		}
	},
	{
		files: ['src/**/*.ts'],
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		rules: {
			'import-x/no-restricted-paths': [
				'error',
				{
					basePath: import.meta.dirname,
					zones: [
						{
							target: ['src/lib/domain/**', 'src/lib/features/*/rules/**'],
							from: [
								'src/lib/{crdt,projection,workspace,sync,analytics,core,state,components,i18n}/**',
								'src/lib/features/*/*.ts',
								'src/lib/features/*/ui/**'
							],
							message:
								'Rules (domain/, features/*/rules/) are pure: no doc, storage, commands, UI state or messages.'
						},
						{
							target: 'src/lib/core/**',
							from: ['src/lib/{features,workspace,state,components,i18n}/**'],
							message: 'core/ sits below the features: they register with it, not the other way.'
						},
						{
							target: [
								'src/lib/{crdt,projection,workspace,sync,analytics,core,domain}/**',
								'src/lib/features/*/*.ts',
								'src/lib/features/*/rules/**'
							],
							from: [
								'src/lib/{state,components}/**',
								'src/lib/features/*/ui/**',
								'src/lib/i18n/{en,zh-CN}/**',
								'src/lib/i18n/{all-messages,i18n.svelte}.ts'
							],
							message:
								'Below the UI: no UI state, components or message catalogues (the page translates).'
						},
						{
							// Readers apart from writers: the page changes the archive only through its
							// session's commands (the worker runs them), never by writing the doc itself.
							target: [
								'src/lib/{state,components}/**',
								'src/lib/features/*/ui/**',
								'src/routes/**'
							],
							from: ['src/lib/crdt/**', 'src/lib/features/*/*-commands.ts'],
							except: ['**/crdt/ids.ts'],
							message:
								'The page writes through session.commands, never the doc; types it needs live with the rules.'
						}
					]
				}
			]
		}
	},
	{
		// Packages a rule may not touch (the paths above cover our own modules).
		files: ['src/lib/domain/**/*.ts', 'src/lib/features/*/rules/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['yjs', 'dexie', 'svelte', 'svelte/*', '$app/*'],
							message: 'Rules are pure: no doc, storage or UI framework.'
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
