import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { useClusterState } from './cluster';
import { amazonSellerApiTest } from './methods/credentialTest';
import { getMarketplaces } from './methods/loadOptions';
import { pollOrders } from './trigger/poll';

// In n8n's queue mode, this process shares Amazon's budget with the workers.
useClusterState();

/**
 * Amazon Seller Trigger: new, canceled and updated Amazon orders, each exactly once, read with
 * Orders API 2026-01-01 searchOrders inside Amazon's budget (docs/trigger.md). The description
 * stays here, in one literal, because n8n's lint rules and the editor's codex read it from the
 * node class; the poll lives in trigger/.
 */
export class AmazonSellerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Seller Trigger',
		name: 'amazonSellerTrigger',
		icon: { light: 'file:amazon.svg', dark: 'file:amazon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ [].concat($parameter["events"]).map(e => ({ newOrder: "New Order", orderCanceled: "Order Canceled", orderUpdated: "Order Updated", payout: "Payout", orderRefunded: "Order Refunded", orderReturned: "Order Returned" })[e] || e).join(", ") }}',
		description: 'Starts the workflow when Amazon orders are new, canceled or updated, when Amazon pays out, and when orders are refunded or returned',
		defaults: { name: 'Amazon Seller Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amazonSellerApi', required: true, testedBy: 'amazonSellerApiTest' }],
		properties: [
			{
				displayName:
					'Amazon allows one order search every 3 minutes per seller account (after a burst of 20), shared by every workflow using this account. Polls more often than that skip quietly when no search is left; nothing is lost. Polling every 3 minutes or more saves executions.',
				name: 'budgetNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'New Order',
						value: 'newOrder',
						description:
							'An order is ready to handle: merchant-fulfilled (FBM) when unshipped or partially shipped, Amazon-fulfilled (FBA) when shipped. Once per order.',
					},
					{
						name: 'Order Canceled',
						value: 'orderCanceled',
						description: 'An order was canceled, FBA or FBM. Once per order.',
					},
					{
						name: 'Order Refunded',
						value: 'orderRefunded',
						description:
							'A refund (or chargeback) posted to an order: items, amounts, reason (checked every hour). Once per refund, partial refunds included. Needs the Finance and Accounting role.',
					},
					{
						name: 'Order Returned',
						value: 'orderReturned',
						description:
							'A customer return, FBA or FBM: SKU, quantity, disposition, reason, from the returns reports (asked for every hour). Once per returned item.',
					},
					{
						name: 'Order Updated',
						value: 'orderUpdated',
						description: 'Any other change to an order (status, shipment, buyer request…). Once per change.',
					},
					{
						name: 'Payout',
						value: 'payout',
						description:
							'A settlement period closed: its deposit, period, totals by type and every line, from its settlement report (checked every 4 hours). Once per settlement. Needs the Finance and Accounting role.',
					},
				],
				default: ['newOrder', 'orderCanceled'],
				description: 'Which events start the workflow; each item says which event it is in its "event" field',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'FBA Order Is New When',
						name: 'fbaNewWhen',
						type: 'options',
						options: [
							{
								name: 'Paid',
								value: 'paid',
								description: 'When Amazon has the payment and the order waits for shipment (for ERPs that reserve FBA stock)',
							},
							{
								name: 'Shipped',
								value: 'shipped',
								description: "When Amazon has shipped it (Odoo's rule: the sale is final)",
							},
						],
						default: 'shipped',
						description: 'Order events only. When an Amazon-fulfilled order fires New Order. Merchant-fulfilled orders are new once paid (unshipped).',
					},
					{
						displayName: 'Fulfilled By',
						name: 'fulfilledBy',
						type: 'options',
						options: [
							{ name: 'Amazon (FBA)', value: 'amazon' },
							{ name: 'Both (FBA and FBM)', value: 'both' },
							{ name: 'Merchant (FBM)', value: 'merchant' },
						],
						default: 'both',
						description: 'Which orders to watch: fulfilled by Amazon, by you, or both. Also which refunds, and which returns report is read; not Payout (a settlement covers both).',
					},
					{
						displayName: 'Include Buyer and Recipient Data',
						name: 'includeBuyerData',
						type: 'boolean',
						default: false,
						description:
							"Whether to include the buyer, the delivery address and the buyer's tax registration (order events only). This is personal data: your app needs Amazon's matching roles, and you are responsible for handling it.",
					},
					{
						displayName: 'Marketplace Names or IDs',
						name: 'marketplaceIds',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getMarketplaces' },
						default: [],
						description:
							'Marketplaces to watch; none selected means every marketplace the account sells in. Payout: settlements covering one of them. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{
								name: 'Mapped Sales Order',
								value: 'salesOrder',
								description: 'An ERP-ready sales order: partners, lines, totals, fulfilment',
							},
							{
								name: 'Raw Amazon Order',
								value: 'raw',
								description: 'The order as Amazon sends it (Orders API 2026-01-01)',
							},
						],
						default: 'raw',
						description: 'Order events only. How each order is given to the workflow.',
					},
					{
						displayName: 'Redeliver Unconfirmed After (Minutes)',
						name: 'redeliverAfterMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 10,
						description:
							'Only with an Amazon Seller → Event → Confirm Delivery node after your ERP write: an event it has not confirmed this long after delivery (its execution failed, or a queue-mode worker died) is delivered again with the same eventId; the wait doubles each time, up to 8 deliveries. Make it longer than the workflow takes.',
					},
					{
						displayName: 'Start Date',
						name: 'startDate',
						type: 'dateTime',
						default: '',
						description:
							'Read orders changed since this date on the first run (a backfill), and payouts, refunds and returns since then (as far back as Amazon keeps them: settlement reports 90 days, returns reports 14 days); empty starts from activation. Changing it later restarts the trigger from the new date.',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: { getMarketplaces },
		credentialTest: { amazonSellerApiTest },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOrders.call(this);
	}
}
