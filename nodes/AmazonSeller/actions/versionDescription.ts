import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as inventory from './inventory';
import * as order from './order';
import * as salesOrder from './salesOrder';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Amazon Seller',
	name: 'amazonSeller',
	icon: { light: 'file:amazon.svg', dark: 'file:amazon.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Ship, cancel and read Amazon orders, push FBM stock, read FBA stock, and map orders to sales orders (SP-API)',
	defaults: { name: 'Amazon Seller' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [
		{
			name: 'amazonSellerApi',
			required: true,
			testedBy: 'amazonSellerApiTest',
			// Mapping works on order data alone, so it needs no account.
			displayOptions: { hide: { resource: ['salesOrder'] } },
		},
	],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Inventory', value: 'inventory' },
				{ name: 'Order', value: 'order' },
				{ name: 'Sales Order', value: 'salesOrder' },
			],
			default: 'order',
		},
		...order.description,
		...inventory.description,
		...salesOrder.description,
	],
};
