/**
 * Get FBA Inventory, the pure part: SKU lists from items, batches of getInventorySummaries calls
 * and which items asked for each summary. No n8n imports.
 */
import { chunk, groupBy } from './batches';
import type { Parsed } from './inputValues';
import { describeValue, isBlank, readSku } from './inputValues';

/** getInventorySummaries takes at most 50 sellerSkus per call. */
export const SKUS_PER_INVENTORY_CALL = 50;

/** Amazon refuses a startDateTime more than 18 months back. */
const CHANGED_SINCE_MAX_MONTHS = 18;

/** SKUs from a comma- or newline-separated text, or a list (an expression's array). */
export function readSkuList(value: unknown): { skus: string[]; errors: string[] } {
	const parts: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\n]/) : isBlank(value) ? [] : [value];
	const skus: string[] = [];
	const errors: string[] = [];
	for (const part of parts) {
		if (typeof part === 'string' && part.trim() === '' && !Array.isArray(value)) continue; // "A, B," or blank lines
		const sku = readSku(part);
		if (sku.error) errors.push(isBlank(part) ? 'one SKU of the list is empty' : `SKU ${describeValue(part)} ${sku.error}`);
		else if (sku.value && !skus.includes(sku.value)) skus.push(sku.value);
	}
	if (!skus.length && !errors.length) errors.push('no SKU was given');
	return { skus, errors };
}

/** An ISO date-time no older than Amazon accepts and not in the future. */
export function readChangedSince(value: unknown, now: number): Parsed<string> {
	const text = value instanceof Date ? value.toISOString() : typeof (value as { toISO?: unknown })?.toISO === 'function' ? (value as { toISO: () => string }).toISO() : value;
	const time = typeof text === 'string' && /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
	if (Number.isNaN(time)) return { error: `must be a date and time like 2026-01-31T00:00:00Z, not ${describeValue(value)}` };
	const oldest = new Date(now);
	oldest.setUTCMonth(oldest.getUTCMonth() - CHANGED_SINCE_MAX_MONTHS);
	if (time < oldest.getTime()) return { error: `is more than ${CHANGED_SINCE_MAX_MONTHS} months ago, which Amazon does not accept` };
	if (time > now) return { error: 'is in the future' };
	return { value: new Date(time).toISOString() };
}

export interface SkuListRequest {
	itemIndex: number;
	marketplaceId: string;
	details: boolean;
	skus: string[];
}

export interface InventoryBatch {
	marketplaceId: string;
	details: boolean;
	skus: string[];
	/** A SKU containing a comma goes alone as `sellerSku`, since `sellerSkus` is comma-separated. */
	single: boolean;
	/** Input items that asked for each SKU of the batch. */
	requesters: Map<string, number[]>;
}

/** Distinct SKUs of all items, per marketplace and detail level, 50 per call. */
export function planInventoryBatches(requests: SkuListRequest[]): InventoryBatch[] {
	const batches: InventoryBatch[] = [];
	for (const group of groupBy(requests, (r) => `${r.marketplaceId}|${r.details}`).values()) {
		const requesters = new Map<string, number[]>();
		for (const request of group) {
			for (const sku of request.skus) requesters.set(sku, [...(requesters.get(sku) ?? []), request.itemIndex]);
		}
		const skus = [...requesters.keys()];
		const batch = (list: string[], single: boolean): InventoryBatch => ({
			marketplaceId: group[0].marketplaceId,
			details: group[0].details,
			skus: list,
			single,
			requesters: new Map(list.map((sku) => [sku, requesters.get(sku) ?? []])),
		});
		for (const list of chunk(skus.filter((s) => !s.includes(',')), SKUS_PER_INVENTORY_CALL)) batches.push(batch(list, false));
		for (const sku of skus.filter((s) => s.includes(','))) batches.push(batch([sku], true));
	}
	return batches;
}

/** The items that asked for a returned summary's SKU (by letter case if need be); all of the batch's otherwise. */
export function requestersOf(batch: InventoryBatch, sellerSku: string | undefined): number[] {
	const exact = sellerSku === undefined ? undefined : batch.requesters.get(sellerSku);
	if (exact) return exact;
	const folded = [...batch.requesters.entries()].filter(([sku]) => sku.toLowerCase() === sellerSku?.toLowerCase());
	const items = folded.length ? folded.flatMap(([, list]) => list) : [...batch.requesters.values()].flat();
	return [...new Set(items)].sort((a, b) => a - b);
}
