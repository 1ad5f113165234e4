import { OrderMappingError } from '../amazon/readError';
import type { NormalizedOrder } from './normalizedOrder';
import { at, firstKey, isRecord, type Json } from '../amazon/read';
import { normalize2026 } from './shape2026';
import { normalizeV0 } from './shapeV0';

/**
 * Recognises the forms Amazon orders are stored in and reads them into one NormalizedOrder:
 * - Orders API 2026-01-01: an Order (`orderId`, `orderItems`), or getOrder's `{order: Order}`;
 * - v0: `{...Order, OrderItems}`, `{order, items}` (also `Order`/`orderItems`/`OrderItems`
 *   spellings), with API envelopes `{payload: …}` around the order or the items.
 */
const ITEM_KEYS = ['OrderItems', 'orderItems', 'items', 'Items'];

export function normalizeOrder(input: unknown): NormalizedOrder {
	const { value: root, path } = unwrapPayload(input, '');
	if (!isRecord(root)) throw notAnOrder(path, root);
	const list = firstKey(root, ['orders', 'Orders']);
	if (list && Array.isArray(root[list])) {
		throw new OrderMappingError(
			at(path, list),
			`holds a list of ${(root[list] as unknown[]).length} orders; map one order per item (split the list first, e.g. with Split Out)`,
		);
	}
	if ('orderId' in root) return normalize2026(root, path);
	if ('AmazonOrderId' in root) return v0(root, path, root, path);

	const orderKey = firstKey(root, ['order', 'Order']);
	if (orderKey) {
		const { value: order, path: orderPath } = unwrapPayload(root[orderKey], at(path, orderKey));
		if (isRecord(order) && 'orderId' in order) return normalize2026(order, orderPath);
		if (isRecord(order) && 'AmazonOrderId' in order) {
			// Items beside the order ({order, items}) or inside it ({order: {...Order, OrderItems}}).
			return firstKey(root, ITEM_KEYS) ? v0(order, orderPath, root, path) : v0(order, orderPath, order, orderPath);
		}
		throw notAnOrder(orderPath, order);
	}
	throw notAnOrder(path, root);
}

function v0(order: Json, orderPath: string, holder: Json, holderPath: string): NormalizedOrder {
	const key = firstKey(holder, ITEM_KEYS) ?? 'OrderItems';
	return normalizeV0({ order, orderPath, items: holder[key], itemsPath: at(holderPath, key) });
}

function unwrapPayload(value: unknown, path: string): { value: unknown; path: string } {
	if (isRecord(value) && isRecord(value.payload) && !('orderId' in value) && !('AmazonOrderId' in value)) {
		return { value: value.payload, path: at(path, 'payload') };
	}
	return { value, path };
}

function notAnOrder(path: string, value: unknown): OrderMappingError {
	const got = isRecord(value) ? `an object with ${Object.keys(value).slice(0, 5).join(', ') || 'no fields'}` : JSON.stringify(value) ?? 'nothing';
	return new OrderMappingError(path, `is not an Amazon order: expected orderId (Orders API 2026-01-01) or AmazonOrderId (v0), got ${got}`);
}
