/**
 * Reading the values items carry (SKUs, marketplace IDs) the same way in every inventory
 * operation, with messages that quote what was given. No n8n imports.
 */
import { marketplaceById } from '../amazon/marketplaces';

/** Amazon seller SKUs are at most 40 characters. */
export const MAX_SKU_LENGTH = 40;

export type Parsed<T> = { value?: T; error?: string };

/** A SKU: text (or a number, as spreadsheets give), trimmed, 1 to 40 characters. */
export function readSku(value: unknown): Parsed<string> {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') return { error: isBlank(value) ? 'is missing' : `must be text, not ${describeValue(value)}` };
	const sku = value.trim();
	if (!sku) return { error: 'is empty' };
	if (sku.length > MAX_SKU_LENGTH) return { value: sku, error: `is ${sku.length} characters long; Amazon SKUs have at most ${MAX_SKU_LENGTH}` };
	return { value: sku };
}

/** A marketplace ID this node knows, in the credential's region (another region's endpoint cannot reach it). */
export function readMarketplace(value: unknown, region: string): Parsed<string> {
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) return { error: isBlank(value) ? 'is empty' : `must be a marketplace ID, not ${describeValue(value)}` };
	const marketplace = marketplaceById(id);
	if (!marketplace) return { error: `"${id}" is not an Amazon marketplace ID` };
	if (marketplace.region !== region) {
		return { error: `${marketplace.domain} (${id}) is in the ${marketplace.region.toUpperCase()} region, but the credential is for ${region.toUpperCase()}` };
	}
	return { value: id };
}

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (typeof value === 'string') return value.trim() === '' ? 'empty' : `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return Array.isArray(value) ? 'a list' : 'an object';
}
