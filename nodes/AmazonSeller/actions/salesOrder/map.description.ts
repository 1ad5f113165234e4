import type { INodeProperties } from 'n8n-workflow';

import { inputSourceFields, offerMappingFields, presetField } from '../fields';

/** The fields of Sales Order → Map Order to Sales Order. */
const show = { resource: ['salesOrder'], operation: ['map'] };

export const mapDescription: INodeProperties[] = [
	...inputSourceFields(show, {
		label: 'Order',
		name: 'order',
		item: 'The input item is the order (as Get Order or the trigger return it)',
		description: 'Where the Amazon order is: Orders API 2026-01-01, or v0 with its items',
	}),
	presetField(show, { generic: 'The documented sales-order schema, for any ERP', odoo: 'Res.partner, sale.order and sale.order.line values for the Odoo node' }),
	{
		displayName: 'Odoo Prices Include Tax',
		name: 'odooPriceIncludesTax',
		type: 'boolean',
		displayOptions: { show: { ...show, preset: ['odoo'] } },
		default: false,
		description: 'Whether price_unit should include tax (Odoo taxes set as included in price)',
	},
	...offerMappingFields(show, { none: 'Lines carry SKU and ASIN only', description: 'How Amazon SKUs find their ERP product; SKUs not found are listed as missing offers' }),
	{
		displayName: 'Route Missing Offers to Second Output',
		name: 'routeMissingOffers',
		type: 'boolean',
		displayOptions: { show: { ...show, offerMapping: ['field', 'table'] } },
		default: false,
		description: 'Whether orders with a SKU not in the table go to a second output, "Missing Offers", to create the products first. Decides the node\'s outputs, so it applies to the whole run.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		displayOptions: { show },
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Charges Product',
				name: 'chargesProduct',
				type: 'string',
				default: '',
				description: 'ERP product for COD fees, other charges and delivery tips',
			},
			{
				displayName: 'Fallback Product',
				name: 'fallbackProduct',
				type: 'string',
				default: '',
				description: 'ERP product for SKUs missing from the offers (they are still listed as missing)',
			},
			{
				displayName: 'Gift Wrap Product',
				name: 'giftWrapProduct',
				type: 'string',
				default: '',
				description: 'ERP product for gift-wrap lines',
			},
			{
				displayName: 'Shipping Product',
				name: 'shippingProduct',
				type: 'string',
				default: '',
				description: 'ERP product for the shipping line',
			},
		],
	},
];
