import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CreditNote, CreditNoteOptions } from '../../mapping/creditNote';
import { toOdooCreditNote } from '../../mapping/odooFinance';
import { creditNoteFor, offerTableFrom, readRefundInputs } from '../../rules/financeInputs';
import { InputError, orderSubject } from '../../rules/inputError';
import { valueAtPath } from '../salesOrder/inputPath';
import { inputSourceFields, locate, offerMappingFields, presetField } from '../fields';
import type { ItemRunner } from '../itemRunner';

/**
 * Finance → Map Refund to Credit Note: an Amazon refund becomes a credit note (the pure mapper
 * mapping/creditNote.ts), Generic or Odoo `out_refund`. Needs no credential. The input is a refund
 * transaction (Get Transactions), a refund read from settlement rows, an Order Refunded event, or
 * a whole settlement (one credit note per refund in it).
 */
const show = { resource: ['finance'], operation: ['mapRefund'] };

const productOption = (displayName: string, name: string, description: string): INodeProperties => ({ displayName, name, type: 'string', default: '', description });

export const description: INodeProperties[] = [
	...inputSourceFields(show, {
		label: 'Refund',
		name: 'refund',
		item: 'The item is a refund transaction (Get Transactions), a refund from a settlement, an Order Refunded event, or a settlement (every refund in it)',
	}),
	presetField(show, { generic: 'The documented credit-note schema, for any ERP', odoo: 'An account.move (out_refund) with invoice_line_ids, for the Odoo node' }),
	{
		displayName: 'Odoo Partner ID',
		name: 'odooPartnerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.partnerId }}',
		description: "The customer's res.partner ID (e.g. found by the sales order); empty: none",
		displayOptions: { show: { ...show, preset: ['odoo'] } },
	},
	{
		displayName: 'Odoo Journal ID',
		name: 'odooJournalId',
		type: 'string',
		default: '',
		description: "A sales journal's account.journal ID; empty: Odoo's default",
		displayOptions: { show: { ...show, preset: ['odoo'] } },
	},
	{
		displayName: 'Odoo Prices Include Tax',
		name: 'odooPriceIncludesTax',
		type: 'boolean',
		default: false,
		description: 'Whether price_unit should include tax (Odoo taxes set as included in price). Forced on when Amazon gave no tax split.',
		displayOptions: { show: { ...show, preset: ['odoo'] } },
	},
	...offerMappingFields(show, { none: 'Lines carry the SKU only', description: 'How refunded SKUs find their ERP product' }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			productOption('Charges Product', 'chargesProduct', 'ERP product for other refunded charges (goodwill, restocking fee, return shipping)'),
			productOption('Fallback Product', 'fallbackProduct', 'ERP product for SKUs missing from the offers'),
			productOption('Gift Wrap Product', 'giftWrapProduct', 'ERP product for gift-wrap refunds'),
			productOption('Promotion Product', 'promotionProduct', 'ERP product for promotions taken back'),
			productOption('Shipping Product', 'shippingProduct', 'ERP product for shipping refunds'),
		],
	},
];

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const all = runner.items.map((item, itemIndex) => ({ itemIndex, value: item }));
	await runner.each(all, async ({ itemIndex, value: item }) => {
		const { value, path } = locate(this, itemIndex, item.json, { name: 'refund', label: 'Refund' });
		const refunds = readRefundInputs(value, path);
		if (refunds.length === 1 && refunds[0].orderId) runner.about(itemIndex, orderSubject(refunds[0].orderId));
		const options = creditNoteOptions(this, itemIndex, item);
		runner.ok(
			itemIndex,
			refunds.map((refund) => presetOutput(this, itemIndex, creditNoteFor(refund, options))),
		);
	});
}

function creditNoteOptions(ctx: IExecuteFunctions, itemIndex: number, item: INodeExecutionData): CreditNoteOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, string>;
	const product = (name: string) => (options[name]?.trim() ? options[name].trim() : undefined);
	const result: CreditNoteOptions = {
		fallbackProduct: product('fallbackProduct'),
		shippingProduct: product('shippingProduct'),
		giftWrapProduct: product('giftWrapProduct'),
		promotionProduct: product('promotionProduct'),
		chargesProduct: product('chargesProduct'),
	};
	const offerMapping = ctx.getNodeParameter('offerMapping', itemIndex, 'none') as string;
	if (offerMapping === 'table') {
		const table = ctx.getNodeParameter('offers', itemIndex, {}) as { offer?: Array<{ sku: string; product: string }> };
		result.offers = offerTableFrom((table.offer ?? []).filter((entry) => entry.sku?.trim()), 'Offers', 'Offers');
	} else if (offerMapping === 'field') {
		const path = String(ctx.getNodeParameter('offersField', itemIndex, '')).trim();
		const value = valueAtPath(item.json, path);
		if (value === undefined) throw new InputError('Offers Field', `the field "${path}" is not in the input item`);
		result.offers = offerTableFrom(value, path, 'Offers Field');
	}
	return result;
}

function presetOutput(ctx: IExecuteFunctions, itemIndex: number, note: CreditNote): IDataObject {
	if (ctx.getNodeParameter('preset', itemIndex, 'generic') !== 'odoo') return note as unknown as IDataObject;
	const text = (name: string) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim() || undefined;
	const odoo = toOdooCreditNote(note, {
		partnerId: text('odooPartnerId'),
		journalId: text('odooJournalId'),
		priceIncludesTax: ctx.getNodeParameter('odooPriceIncludesTax', itemIndex, false) as boolean,
	});
	return { ...odoo, orderId: note.orderId, date: note.date } as unknown as IDataObject;
}
