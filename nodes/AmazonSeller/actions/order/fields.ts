import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { INCLUDED_DATA } from './amazonOrder';

/** Fields more than one order operation shows; each operation narrows `displayOptions`. */
export function orderIdField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 902-1106328-1059050',
		description,
		displayOptions: { show: { resource: ['order'], operation: [operation] } },
	};
}

const INCLUDED_DATA_LABELS: Record<(typeof INCLUDED_DATA)[number], [string, string]> = {
	BUYER: ['Buyer', 'Who bought the order'],
	CANCELLATION: ['Cancellation', 'Cancellation requests and how they were handled'],
	EXPENSE: ['Expense', 'Costs of the order and its items'],
	FULFILLMENT: ['Fulfillment', 'Status, who fulfills it, ship-by window, units shipped and still to ship'],
	FULFILLMENT_ORDERS: ['Fulfillment Orders', 'Fulfillment orders linked to the order'],
	PACKAGES: ['Packages', 'Confirmed packages with carrier and tracking number (merchant-fulfilled orders)'],
	PAYMENT: ['Payment', 'How the order was paid'],
	PROCEEDS: ['Proceeds', 'Revenue breakdown of the order and its items'],
	PROMOTION: ['Promotion', 'Discounts and promotions applied'],
	RECIPIENT: ['Recipient', 'Delivery address'],
	TAX: ['Tax', 'Tax of the order and its items'],
};

export const includedDataOptions: INodePropertyOptions[] = INCLUDED_DATA.map((value) => ({
	name: INCLUDED_DATA_LABELS[value][0],
	value,
	description: INCLUDED_DATA_LABELS[value][1],
})).sort((a, b) => a.name.localeCompare(b.name));
