import type { INodeProperties } from 'n8n-workflow';

/** The fields of Sales Order → Map Order to Sales Order. */
const show = { resource: ['salesOrder'], operation: ['map'] };

export const mapDescription: INodeProperties[] = [
	{
		displayName: 'Order Data',
		name: 'orderSource',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Field in Input', value: 'field', description: 'The order is in one field of the input item' },
			{ name: 'Whole Input Item', value: 'item', description: 'The input item is the order (as Get Order or the trigger return it)' },
		],
		default: 'item',
		description: 'Where the Amazon order is: Orders API 2026-01-01, or v0 with its items',
	},
	{
		displayName: 'Order Field',
		name: 'orderField',
		type: 'string',
		displayOptions: { show: { ...show, orderSource: ['field'] } },
		default: 'order',
		placeholder: 'e.g. body.order',
		description: 'Path of the field holding the order, with dots between levels',
	},
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Generic', value: 'generic', description: 'The documented sales-order schema, for any ERP' },
			{ name: 'Odoo', value: 'odoo', description: 'Res.partner, sale.order and sale.order.line values for the Odoo node' },
		],
		default: 'generic',
	},
	{
		displayName: 'Odoo Prices Include Tax',
		name: 'odooPriceIncludesTax',
		type: 'boolean',
		displayOptions: { show: { ...show, preset: ['odoo'] } },
		default: false,
		description: 'Whether price_unit should include tax (Odoo taxes set as included in price)',
	},
	{
		displayName: 'Offer Mapping',
		name: 'offerMapping',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Field in Input', value: 'field', description: 'An input field holds {SKU: product} or a list of {sku, product}' },
			{ name: 'None', value: 'none', description: 'Lines carry SKU and ASIN only' },
			{ name: 'Table', value: 'table', description: 'Enter SKU → ERP product pairs here' },
		],
		default: 'none',
		description: 'How Amazon SKUs find their ERP product; SKUs not found are listed as missing offers',
	},
	{
		displayName: 'Offers',
		name: 'offers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, offerMapping: ['table'] } },
		placeholder: 'Add Offer',
		default: {},
		options: [
			{
				displayName: 'Offer',
				name: 'offer',
				values: [
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '', description: 'Your Amazon seller SKU' },
					{ displayName: 'ERP Product', name: 'product', type: 'string', default: '', description: 'The product ID or reference in your ERP' },
				],
			},
		],
	},
	{
		displayName: 'Offers Field',
		name: 'offersField',
		type: 'string',
		displayOptions: { show: { ...show, offerMapping: ['field'] } },
		default: 'offers',
		description: 'Path of the input field holding the SKU → product table',
	},
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
