// Lint for the published code (nodes, credentials, package.json) with n8n's own rule sets:
// eslint-plugin-n8n-nodes-base (community, nodes, credentials) and @n8n/eslint-plugin-community-nodes
// in its non-cloud config (this package needs runtime dependencies, so it is for self-hosted n8n).
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { configs as communityConfigs } from '@n8n/eslint-plugin-community-nodes';

const community = communityConfigs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'simulator/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', 'docs/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Camel-cased doc slugs are for nodes inside n8n's own repository; community credentials link a URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes; the community rule below asks for NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...community,
		ignores: [],
		rules: {
			...community.rules,
			// amazon-sp-api is a runtime dependency by design (see README: self-hosted n8n only).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// Pure modules (amazon/, rules/, mapping/) and the transport core throw their own typed errors (no
		// n8n imports there); the item runner and the trigger turn them into NodeApiError/NodeOperationError.
		files: [
			'nodes/AmazonSeller/amazon/**/*.ts',
			'nodes/AmazonSeller/rules/**/*.ts',
			'nodes/AmazonSeller/mapping/**/*.ts',
			'nodes/AmazonSeller/transport/**/*.ts',
			'nodes/AmazonSeller/trigger/**/*.ts',
		],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// The transport is the only door to Amazon, and transport/index.ts its only entrance: what the
		// rest of the package may use is exported there, everything else stays inside.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/transport/*'], message: 'Import from the transport\'s index (…/transport) only: it is the one door to Amazon.' }] },
			],
		},
	},
];
