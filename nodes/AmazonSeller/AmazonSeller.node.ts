import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as event from './actions/event';
import * as feed from './actions/feed';
import * as finance from './actions/finance';
import * as inventory from './actions/inventory';
import * as order from './actions/order';
import { NODE_OUTPUTS } from './actions/outputs';
import * as returns from './actions/return';
import { router } from './actions/router';
import * as salesOrder from './actions/salesOrder';
import { useClusterState } from './cluster';
import { amazonSellerApiTest } from './methods/credentialTest';
import { getMarketplaces } from './methods/loadOptions';

// In n8n's queue mode, this process (main or worker) shares Amazon's budget with the others.
useClusterState();

/**
 * Amazon Seller actions. Each resource's fields live with its operations in `actions/<resource>/`
 * (Airtable V2's layout); the description stays here, in one literal, because n8n's lint rules
 * and the editor's codex read it from the node class.
 */
export class AmazonSeller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Seller',
		name: 'amazonSeller',
		icon: { light: 'file:amazon.svg', dark: 'file:amazon.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Ship, cancel and read Amazon orders, push FBM stock, read FBA stock, read payouts, transactions and returns, and map orders, payouts and refunds for your ERP (SP-API)',
		defaults: { name: 'Amazon Seller' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// One output, or two: Sales Order → Map routing unmapped SKUs to "Missing Offers", Finance → Map
		// Payout routing entries with unmapped Amazon types to "Unmapped Types".
		outputs: `={{${NODE_OUTPUTS}}}`,
		credentials: [
			{
				name: 'amazonSellerApi',
				required: true,
				testedBy: 'amazonSellerApiTest',
				// Mapping works on order, settlement and refund data alone, and confirming events on the
				// trigger's records: no account. (Hide rules match when any of them does.)
				displayOptions: { hide: { resource: ['salesOrder', 'event'], operation: finance.NO_CREDENTIAL_OPERATIONS } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event', value: 'event', description: "The Amazon Seller Trigger's events: confirm they reached your ERP" },
					{ name: 'Feed', value: 'feed', description: 'Results of feeds Cancel and Update FBM Quantity sent' },
					{ name: 'Finance', value: 'finance', description: 'Payouts (settlements), transactions, journal entries and credit notes' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Order', value: 'order' },
					{ name: 'Return', value: 'return', description: 'Customer returns, merchant- and Amazon-fulfilled' },
					{ name: 'Sales Order', value: 'salesOrder' },
				],
				default: 'order',
			},
			...order.description,
			...inventory.description,
			...salesOrder.description,
			...event.description,
			...feed.description,
			...finance.description,
			...returns.description,
		],
	};

	methods = {
		loadOptions: { getMarketplaces },
		credentialTest: { amazonSellerApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
