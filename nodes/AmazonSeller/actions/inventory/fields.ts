import type { INodeProperties } from 'n8n-workflow';

/** The marketplace picker both inventory operations start with (marketplaces of the account). */
export function marketplaceField(operation: string, hint: string): INodeProperties {
	return {
		displayName: 'Marketplace Name or ID',
		name: 'marketplaceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMarketplaces' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint,
		displayOptions: { show: { resource: ['inventory'], operation: [operation] } },
	};
}
