import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildOfferTable,
	mapOrderToSalesOrder,
	OrderMappingError,
	toOdooPreset,
	type MapOrderOptions,
	type SalesOrder,
} from '../../mapping/salesOrder';
import { orderSubject } from '../../rules/inputError';
import { locate } from '../fields';
import type { ItemRunner } from '../itemRunner';
import { valueAtPath } from './inputPath';
import { mapDescription } from './map.description';

/**
 * Sales Order → Map Order to Sales Order: runs the pure mapper on each item, needs no
 * credential. With "Route Missing Offers to Second Output", orders that have a SKU missing from
 * the offers go to output 2 so the workflow can create the products first (as Odoo creates
 * missing offers); failed items stay on output 1 with their error (continue on fail).
 */
export const description = mapDescription;

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const offerMapping = this.getNodeParameter('offerMapping', 0, 'none') as string;
	// Run-wide: the node's outputs follow this setting (see outputs.ts), so it cannot vary per item.
	const route = offerMapping !== 'none' && (this.getNodeParameter('routeMissingOffers', 0, false) as boolean);
	if (route) runner.useOutputs(2);

	const all = runner.items.map((item, itemIndex) => ({ itemIndex, value: item }));
	await runner.each(all, async ({ itemIndex, value: item }) => {
		const { value: order, path: field } = locate(this, itemIndex, item.json, { name: 'order', label: 'Order' });
		let salesOrder: SalesOrder;
		try {
			salesOrder = mapOrderToSalesOrder(order, mapOptions(this, runner, itemIndex, item));
		} catch (error) {
			throw mappingError(this, runner, error, itemIndex, field);
		}
		runner.about(itemIndex, orderSubject(salesOrder.reference));
		runner.ok(itemIndex, presetOutput(this, itemIndex, salesOrder), { output: route && salesOrder.missingOffers.length > 0 ? 1 : 0 });
	});
}

function mapOptions(ctx: IExecuteFunctions, runner: ItemRunner, itemIndex: number, item: INodeExecutionData): MapOrderOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, string>;
	const product = (name: string) => (options[name]?.trim() ? options[name].trim() : undefined);
	const result: MapOrderOptions = {
		fallbackProduct: product('fallbackProduct'),
		shippingProduct: product('shippingProduct'),
		giftWrapProduct: product('giftWrapProduct'),
		chargesProduct: product('chargesProduct'),
	};
	const offerMapping = ctx.getNodeParameter('offerMapping', itemIndex, 'none') as string;
	try {
		if (offerMapping === 'table') {
			const table = ctx.getNodeParameter('offers', itemIndex, {}) as { offer?: Array<{ sku: string; product: string }> };
			result.offers = buildOfferTable((table.offer ?? []).filter((entry) => entry.sku?.trim()), 'Offers');
		} else if (offerMapping === 'field') {
			const path = (ctx.getNodeParameter('offersField', itemIndex) as string).trim();
			const value = valueAtPath(item.json, path);
			if (value === undefined) throw new OrderMappingError(path, 'is not in the input item (Offers Field)');
			result.offers = buildOfferTable(value, path);
		}
	} catch (error) {
		throw mappingError(ctx, runner, error, itemIndex);
	}
	return result;
}

function presetOutput(ctx: IExecuteFunctions, itemIndex: number, order: SalesOrder): IDataObject {
	if (ctx.getNodeParameter('preset', itemIndex, 'generic') !== 'odoo') return order as unknown as IDataObject;
	const odoo = toOdooPreset(order, { priceIncludesTax: ctx.getNodeParameter('odooPriceIncludesTax', itemIndex, false) as boolean });
	return {
		reference: order.reference,
		channel: order.channel,
		status: order.status,
		...odoo,
		missingOffers: order.missingOffers,
		reconciliation: order.reconciliation,
		warnings: order.warnings,
	} as unknown as IDataObject;
}

/** "Item 2 (order 028-…): field "orderItems[0].quantityOrdered" must be a whole number…". */
function mappingError(ctx: IExecuteFunctions, runner: ItemRunner, caught: unknown, itemIndex: number, field = ''): NodeOperationError {
	if (!(caught instanceof OrderMappingError)) return new NodeOperationError(ctx.getNode(), caught as Error, { itemIndex });
	const error = caught.under(field);
	if (error.orderId) runner.about(itemIndex, orderSubject(error.orderId));
	const subject = error.path ? `field "${error.path}"` : 'the input';
	return new NodeOperationError(ctx.getNode(), `${subject} ${error.reason}`, {
		itemIndex,
		description: 'Map Order to Sales Order reads Amazon orders from the Orders API 2026-01-01 (as Get Order and the trigger return them) or v0 orders with their items. See docs/sales-order.md.',
	});
}
