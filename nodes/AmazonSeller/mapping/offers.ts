import { OrderMappingError } from '../amazon/readError';
import { at, isRecord, optString } from '../amazon/read';
import type { ErpProductRef } from './salesOrderTypes';

/**
 * The SKU → ERP product table ("offers", as Odoo calls an Amazon SKU linked to a product).
 * Users keep it as an object `{ "SKU-1": 42 }` or a list `[{ sku: "SKU-1", product: 42 }]`; both
 * become one lookup. Pure, no n8n imports.
 */
export type OfferTable = ReadonlyMap<string, ErpProductRef>;

const PRODUCT_KEYS = ['product', 'erpProduct', 'productId', 'product_id'];

export function buildOfferTable(input: unknown, path: string): OfferTable {
	const table = new Map<string, ErpProductRef>();
	if (Array.isArray(input)) {
		input.forEach((entry, index) => {
			const entryPath = at(path, index);
			if (!isRecord(entry)) throw new OrderMappingError(entryPath, 'must be an object with sku and product');
			const sku = optString(entry, 'sku', entryPath) ?? optString(entry, 'sellerSku', entryPath);
			if (!sku) throw new OrderMappingError(at(entryPath, 'sku'), 'is missing');
			const key = PRODUCT_KEYS.find((candidate) => entry[candidate] !== undefined && entry[candidate] !== null);
			if (!key) throw new OrderMappingError(at(entryPath, 'product'), 'is missing');
			table.set(sku, productRef(entry[key], at(entryPath, key)));
		});
		return table;
	}
	if (isRecord(input)) {
		for (const [sku, product] of Object.entries(input)) table.set(sku, productRef(product, at(path, sku)));
		return table;
	}
	throw new OrderMappingError(path, 'must be an object {SKU: product} or a list of {sku, product}');
}

function productRef(value: unknown, path: string): ErpProductRef {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	throw new OrderMappingError(path, 'must be a product id or reference (text or number)');
}
