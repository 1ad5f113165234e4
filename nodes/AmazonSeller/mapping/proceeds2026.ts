import type { AmountReader } from './amounts';
import { OrderMappingError } from '../amazon/readError';
import { CHARGE_KINDS, emptyCharges, type Charge, type ChargeKind } from './normalizedOrder';
import { at, optArray, optString, records, reqString, type Json } from '../amazon/read';

/**
 * Reads an order item's 2026-01-01 `proceeds.breakdowns` into charges per kind.
 *
 * How the model's amounts are read (documented in docs/sales-order.md):
 * - ITEM, SHIPPING, GIFT_WRAP, COD_FEE, OTHER are charges for that kind; ITEM is the line total
 *   (unit price × quantity in every model example).
 * - TAX is split over kinds by its `detailedBreakdowns` subtypes; any part the details do not
 *   cover is tax on the item. A detail of subtype DISCOUNT is tax on a discount and lowers the tax.
 * - DISCOUNT is split the same way (subtype ITEM = promotion, SHIPPING = shipping discount…).
 *   Its sign is not stated by the model; a discount only ever lowers the price, so its size is
 *   used whatever the sign.
 * - The model's examples add up: proceedsTotal and grandTotal are the sum of the breakdowns, TAX
 *   included, also in tax-inclusive marketplaces, so amounts are read as excluding tax.
 */
const KIND_OF: Record<string, ChargeKind> = {
	ITEM: 'item',
	SHIPPING: 'shipping',
	GIFT_WRAP: 'giftWrap',
	COD_FEE: 'codFee',
	OTHER: 'other',
};

export function readProceeds(proceeds: Json | undefined, path: string, amounts: AmountReader): Record<ChargeKind, Charge> {
	const charges = emptyCharges();
	if (!proceeds) return charges;
	const breakdownsPath = at(path, 'breakdowns');
	let taxOnDiscount = 0;
	for (const [breakdown, breakdownPath] of records(optArray(proceeds, 'breakdowns', path), breakdownsPath)) {
		const type = reqString(breakdown, 'type', breakdownPath);
		const subtotal = amounts.opt(breakdown, 'subtotal', breakdownPath);
		if (subtotal === undefined) throw new OrderMappingError(at(breakdownPath, 'subtotal'), 'is missing');
		const details = readDetails(breakdown, breakdownPath, amounts);
		if (type === 'TAX') {
			let assigned = 0;
			for (const { subtype, value } of details) {
				if (subtype === 'DISCOUNT') {
					taxOnDiscount += Math.abs(value);
					assigned -= Math.abs(value);
				} else {
					charges[KIND_OF[subtype] ?? 'other'].tax += value;
					assigned += value;
				}
			}
			charges.item.tax += subtotal - assigned;
		} else if (type === 'DISCOUNT') {
			let assigned = 0;
			for (const { subtype, value } of details) {
				charges[KIND_OF[subtype] ?? 'item'].discount += Math.abs(value);
				assigned += Math.abs(value);
			}
			charges.item.discount += Math.abs(subtotal) - assigned;
		} else {
			charges[KIND_OF[type] ?? 'other'].amount += subtotal;
		}
	}
	// Tax on a discount belongs to what was discounted: the kind with the largest discount.
	if (taxOnDiscount !== 0) {
		const discounted = CHARGE_KINDS.reduce((best, kind) => (charges[kind].discount > charges[best].discount ? kind : best), 'item' as ChargeKind);
		charges[discounted].discountTax += taxOnDiscount;
	}
	return charges;
}

function readDetails(breakdown: Json, path: string, amounts: AmountReader): Array<{ subtype: string; value: number }> {
	const detailsPath = at(path, 'detailedBreakdowns');
	return records(optArray(breakdown, 'detailedBreakdowns', path), detailsPath).map(([detail, detailPath]) => ({
		subtype: optString(detail, 'subtype', detailPath) ?? 'OTHER',
		value: amounts.or0(detail, 'value', detailPath),
	}));
}
