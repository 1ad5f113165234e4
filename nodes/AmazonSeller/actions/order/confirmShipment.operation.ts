import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CARRIER_CODES, OTHER_CARRIER } from '../../amazon/carriers';
import { optionsCollection, orderIdField, orderItemsCollection } from './fields';
import { InputError, orderSubject } from '../../rules/inputError';
import type { ItemRunner } from '../itemRunner';
import { OrderReads } from './orderReads';
import type { RawShipmentInput, ShipmentInput, ShipmentPlan } from '../../rules/shipment';
import { planShipment, readShipmentInput } from '../../rules/shipment';
import { getClock, getSpApiClient, SpApiError } from '../../transport';

const show = { resource: ['order'], operation: ['confirmShipment'] };

export const description: INodeProperties[] = [
	orderIdField('confirmShipment', 'The Amazon order the package belongs to (merchant-fulfilled only)'),
	{
		displayName: 'Marketplace Name or ID',
		name: 'marketplaceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMarketplaces' },
		default: '',
		description:
			'Marketplace of the order. Leave empty to take it from the order. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'Carrier',
		name: 'carrierCode',
		type: 'options',
		options: [...CARRIER_CODES].sort((a, b) => a.localeCompare(b)).map((code) => ({ name: code, value: code })),
		required: true,
		default: 'UPS',
		description: 'Amazon\'s code for the carrier. For a carrier not in the list choose "Other" and give its name.',
		displayOptions: { show },
	},
	{
		displayName: 'Carrier Name',
		name: 'carrierName',
		type: 'string',
		// Not marked required: with Carrier set by an expression the editor cannot tell whether it is
		// "Other" and would flag this field; the run checks it (item, order and field named).
		default: '',
		placeholder: 'e.g. Speedy Couriers Ltd',
		description: 'Name of the carrier, for a carrier that is not in Amazon\'s list. Required when Carrier is Other.',
		displayOptions: { show: { ...show, carrierCode: [OTHER_CARRIER] } },
	},
	{
		displayName: 'Shipping Method',
		name: 'shippingMethod',
		type: 'string',
		default: '',
		placeholder: 'e.g. UPS Ground',
		description: 'The carrier\'s service used for the package',
		displayOptions: { show },
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '',
		description: 'The carrier\'s tracking number; Amazon shows it to the buyer',
		displayOptions: { show },
	},
	{
		displayName: 'Ship Date',
		name: 'shipDate',
		type: 'dateTime',
		default: '',
		description:
			"When the package was handed to the carrier. Leave empty for now. It cannot be in the future; a value without time zone is in the workflow's time zone.",
		displayOptions: { show },
	},
	{
		displayName: 'Package Reference',
		name: 'packageReferenceId',
		type: 'string',
		required: true,
		default: '1',
		description: 'Your number for this package within the order: a positive whole number, e.g. 1 for the first package, 2 for the second',
		displayOptions: { show },
	},
	{
		displayName: 'Items to Ship',
		name: 'itemsToShip',
		type: 'options',
		options: [
			{
				name: 'All Unshipped Items',
				value: 'allUnshipped',
				description: 'Every item of the order with the units not yet shipped (read from the order)',
			},
			{ name: 'Selected Items', value: 'selected', description: 'The items and quantities listed below (partial shipment)' },
			{
				name: 'Selected Items (JSON)',
				value: 'json',
				description: 'A list of items from an expression, e.g. the lines of your ERP delivery',
			},
		],
		default: 'allUnshipped',
		displayOptions: { show },
	},
	orderItemsCollection({ ...show, itemsToShip: ['selected'] }, [
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'Units of this item in the package',
		},
		{
			displayName: 'Transparency Codes',
			name: 'transparencyCodes',
			type: 'string',
			default: '',
			description: 'For Transparency-enrolled products: one code per unit, separated by commas',
		},
	]),
	{
		displayName: 'Items (JSON)',
		name: 'itemsJson',
		type: 'json',
		default: '[\n  {\n    "orderItemId": "",\n    "quantity": 1\n  }\n]',
		description: 'List of {"orderItemId", "quantity", "transparencyCodes"} objects',
		displayOptions: { show: { ...show, itemsToShip: ['json'] } },
	},
	optionsCollection(show, [
		{
			displayName: 'Ship From Supply Source ID',
			name: 'shipFromSupplySourceId',
			type: 'string',
			default: '',
			description: 'The supply source (warehouse) the package left from, if you use supply sources',
		},
		{
			displayName: 'Skip Already Confirmed',
			name: 'skipAlreadyConfirmed',
			type: 'boolean',
			default: false,
			description:
				'Whether a package Amazon already has (same package reference on the order, or an order already fully shipped) gives an "alreadyConfirmed" result instead of an error, so the workflow can safely run again',
		},
		{
			displayName: 'Verify Order First',
			name: 'verifyOrder',
			type: 'boolean',
			default: true,
			description:
				'Whether to read the order before confirming: checks it is merchant-fulfilled and not shipped, fills in marketplace and unshipped items, and checks quantities. Reading allows 0.5 orders per second; turn off for speed when items and marketplace are given.',
		},
	]),
];

interface ShipmentOptions {
	skipAlreadyConfirmed: boolean;
	verifyOrder: boolean;
}

interface Checked {
	input: ShipmentInput;
	options: ShipmentOptions;
}

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const now = getClock().now();

	// 1. Every item's fields, before anything is sent.
	const checked = runner.read(
		(itemIndex): Checked => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return {
				input: readShipmentInput(rawInput(this, itemIndex), now),
				options: { skipAlreadyConfirmed: options.skipAlreadyConfirmed === true, verifyOrder: options.verifyOrder !== false },
			};
		},
		{ subject: ({ input }) => orderSubject(input.orderId), across: samePackageTwice },
	);
	if (checked.length === 0) return;

	const client = await getSpApiClient.call(this);
	const reads = new OrderReads(client, ['FULFILLMENT', 'PACKAGES']);

	// 2. Each order as Amazon has it, and what to send for it (reads only: nothing changes yet, so a
	// problem found here stops the run before any package is confirmed).
	const plans = new Map<number, ShipmentPlan>();
	await runner.each(checked, async ({ itemIndex, value: { input, options } }) => {
		const order = options.verifyOrder ? await reads.get(input.orderId) : undefined;
		const plan = planShipment(input, order, options);
		if (plan.action === 'confirm') reads.recordShipment(input.orderId, input.packageReferenceId, plan.request.packageDetail.orderItems);
		plans.set(itemIndex, plan);
	});

	// 3. The confirmations, paced by the transport at Amazon's rate for confirmShipment.
	const planned = checked.filter(({ itemIndex }) => plans.has(itemIndex));
	await runner.each(planned, async ({ itemIndex, value: { input, options } }) => {
		const plan = plans.get(itemIndex)!;
		if (plan.action === 'alreadyConfirmed') return runner.ok(itemIndex, alreadyConfirmed(input, plan));
		try {
			const response = await client.call('confirmShipment', { path: { orderId: input.orderId }, body: plan.request });
			runner.ok(itemIndex, confirmed(input, plan, response.requestId));
		} catch (error) {
			if (!(options.skipAlreadyConfirmed && isAlreadyShippedError(error))) return runner.fail(itemIndex, error);
			runner.ok(itemIndex, alreadyConfirmed(input, { action: 'alreadyConfirmed', marketplaceId: plan.request.marketplaceId, reason: (error as SpApiError).message }));
		}
	});
}

/** Two items confirming the same package of one order: the second would fail at Amazon, or double-ship. */
function* samePackageTwice(checked: Array<{ itemIndex: number; value: Checked }>): Iterable<[number, InputError]> {
	const seen = new Map<string, number>();
	for (const { itemIndex, value: { input } } of checked) {
		const key = `${input.orderId}#${input.packageReferenceId}`;
		const earlier = seen.get(key);
		if (earlier === undefined) {
			seen.set(key, itemIndex);
			continue;
		}
		yield [
			itemIndex,
			new InputError('Package Reference', `Package Reference ${input.packageReferenceId} is also used by item ${earlier} for this order; each package needs its own reference`, {
				orderId: input.orderId,
			}),
		];
	}
}

function rawInput(ctx: IExecuteFunctions, itemIndex: number): RawShipmentInput {
	const param = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const carrierCode = param('carrierCode');
	const mode = param('itemsToShip', 'allUnshipped') as string;
	let items: unknown;
	if (mode === 'selected') items = param('items.item', []);
	if (mode === 'json') items = param('itemsJson', '[]');
	return {
		orderId: param('orderId'),
		marketplaceId: param('marketplaceId'),
		carrierCode,
		carrierName: carrierCode === OTHER_CARRIER ? param('carrierName') : undefined,
		shippingMethod: param('shippingMethod'),
		trackingNumber: param('trackingNumber'),
		shipDate: param('shipDate'),
		packageReferenceId: param('packageReferenceId', '1'),
		items,
		itemsField: mode === 'json' ? 'Items (JSON)' : 'Items',
		shipFromSupplySourceId: param('options.shipFromSupplySourceId'),
		timezone: ctx.getTimezone(),
	};
}

/** Amazon's answer when a package or order was confirmed before (a re-run, or another tool). */
function isAlreadyShippedError(error: unknown): boolean {
	if (!(error instanceof SpApiError) || error.statusCode !== 400) return false;
	return /already\s+(been\s+)?(shipped|confirmed)/i.test(`${error.message} ${error.details ?? ''}`);
}

function confirmed(input: ShipmentInput, plan: Extract<ShipmentPlan, { action: 'confirm' }>, requestId?: string): IDataObject {
	const detail = plan.request.packageDetail;
	return {
		orderId: input.orderId,
		status: 'confirmed',
		marketplaceId: plan.request.marketplaceId,
		packageReferenceId: detail.packageReferenceId,
		carrierCode: detail.carrierCode,
		...(detail.carrierName ? { carrierName: detail.carrierName } : {}),
		...(detail.shippingMethod ? { shippingMethod: detail.shippingMethod } : {}),
		trackingNumber: detail.trackingNumber,
		shipDate: detail.shipDate,
		items: detail.orderItems as unknown as IDataObject[],
		...(requestId ? { requestId } : {}),
	};
}

function alreadyConfirmed(input: ShipmentInput, plan: Extract<ShipmentPlan, { action: 'alreadyConfirmed' }>): IDataObject {
	return {
		orderId: input.orderId,
		status: 'alreadyConfirmed',
		message: plan.reason,
		...(plan.marketplaceId ? { marketplaceId: plan.marketplaceId } : {}),
		packageReferenceId: input.packageReferenceId,
		trackingNumber: input.trackingNumber,
	};
}
