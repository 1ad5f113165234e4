import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { INCLUDED_DATA } from '../../amazon/orders';

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

/** The "Options" collection of an operation. */
export function optionsCollection(show: Record<string, string[]>, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions: { show }, options };
}

/** The "Items" fixed collection (one row per order line), shown for `show`; `values` follow the id. */
export function orderItemsCollection(show: Record<string, string[]>, values: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Order Item ID',
						name: 'orderItemId',
						type: 'string',
						default: '',
						description: "Amazon's ID of the order line (orderItemId, 14 digits)",
					},
					...values,
				],
			},
		],
	};
}

/** Included Data, for Get and Get Many. */
export function includedDataField(defaults: string[], description: string): INodeProperties {
	return { displayName: 'Included Data', name: 'includedData', type: 'multiOptions', options: includedDataOptions, default: [...defaults], description };
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
