/**
 * Update FBM Quantity, the pure part: what a valid request is, how duplicate SKUs in one run are
 * resolved, and the `fulfillment_availability` patch Amazon receives (the same patch goes into a
 * patchListingsItem body and into a JSON_LISTINGS_FEED message). No n8n imports.
 */
import type { Parsed } from './inputValues';
import { describeValue, isBlank, readMarketplace, readSku } from './inputValues';

/**
 * The merchant-fulfilled channel. Amazon-fulfilled offers carry AMAZON_NA / AMAZON_EU / AMAZON_FE
 * (AMAZON_JP in Japan); those are never written by this operation.
 */
export const MERCHANT_CHANNEL = 'DEFAULT';

export const FULFILLMENT_AVAILABILITY_PATH = '/attributes/fulfillment_availability';

/**
 * The largest quantity Amazon's listings schemas take: their integers are 32-bit (the listings feed
 * schema bounds its integers at 2,147,483,647). A larger value is an ERP data error (a price or an
 * EAN mapped to quantity), refused before anything is sent.
 */
export const MAX_FBM_QUANTITY = 2_147_483_647;

/** What one input item asked for, as read from the node's fields (not yet checked). */
export interface RawFbmInput {
	itemIndex: number;
	sku: unknown;
	quantity: unknown;
	marketplaceId: unknown;
	handlingTimeDays?: unknown;
	restockDate?: unknown;
	productType?: unknown;
	allowAmazonFulfilled?: unknown;
}

/** One checked quantity update for one SKU in one marketplace. */
export interface FbmQuantityRequest {
	itemIndex: number;
	sku: string;
	marketplaceId: string;
	quantity: number;
	handlingTimeDays?: number;
	/** YYYY-MM-DD. */
	restockDate?: string;
	/** Given by the user; otherwise looked up on Amazon. */
	productType?: string;
	allowAmazonFulfilled: boolean;
}

export interface InputProblem {
	itemIndex: number;
	sku?: string;
	field: string;
	message: string;
}

/**
 * `error`: every item of a SKU that appears more than once in a marketplace fails, because two
 * different stock figures for one offer usually mean a mapping mistake in the ERP.
 * `lastWins`: the last item is sent, the earlier ones are reported as skipped.
 */
export type DuplicateRule = 'error' | 'lastWins';

export interface Superseded {
	request: FbmQuantityRequest;
	byItemIndex: number;
}

export interface FbmValidation {
	requests: FbmQuantityRequest[];
	problems: InputProblem[];
	superseded: Superseded[];
}

export interface FbmValidationContext {
	/** The credential's region: a marketplace of another region cannot be reached with it. */
	region: string;
	duplicates: DuplicateRule;
}

/** Checks every item; returns the good requests and one problem per bad field. */
export function validateFbmInputs(inputs: RawFbmInput[], context: FbmValidationContext): FbmValidation {
	const problems: InputProblem[] = [];
	const valid: FbmQuantityRequest[] = [];
	for (const input of inputs) {
		const found: InputProblem[] = [];
		const request = checkInput(input, context.region, found);
		if (found.length || !request) problems.push(...found);
		else valid.push(request);
	}
	const { requests, duplicateProblems, superseded } = resolveDuplicates(valid, context.duplicates);
	problems.push(...duplicateProblems);
	problems.sort((a, b) => a.itemIndex - b.itemIndex);
	return { requests, problems, superseded };
}

/** A field whose expression failed in n8n; reported as that field's problem. */
export class Unreadable {
	constructor(readonly message: string) {}
}


function checkInput(input: RawFbmInput, region: string, problems: InputProblem[]): FbmQuantityRequest | undefined {
	const { itemIndex } = input;
	// The SKU names the item in every message, so it is read first, even when it is too long.
	const readableSku: Parsed<string> = input.sku instanceof Unreadable ? {} : readSku(input.sku);
	const sku = readableSku.value;
	const field = <T>(name: string, value: unknown, parse: (v: unknown) => Parsed<T>, optional = false): T | undefined => {
		if (value instanceof Unreadable) {
			problems.push({ itemIndex, sku, field: name, message: `could not be evaluated: ${value.message}` });
			return undefined;
		}
		if (optional && isBlank(value)) return undefined;
		const parsed = parse(value);
		if (parsed.error) problems.push({ itemIndex, sku, field: name, message: parsed.error });
		return parsed.error ? undefined : parsed.value;
	};
	const validSku = field('SKU', input.sku, () => readableSku);
	const quantity = field('Quantity', input.quantity, (v) => wholeNumber(v, 'a whole number of 0 or more', MAX_FBM_QUANTITY));
	const marketplaceId = field('Marketplace', input.marketplaceId, (v) => readMarketplace(v, region));
	const handlingTimeDays = field('Handling Time (Days)', input.handlingTimeDays, (v) => wholeNumber(v, 'a whole number of days', MAX_FBM_QUANTITY), true);
	const restockDate = field('Restock Date', input.restockDate, readDate, true);
	const productType = field('Product Type', input.productType, readProductType, true);
	const allowAmazonFulfilled = field('Allow Amazon-Fulfilled Offers', input.allowAmazonFulfilled, readBoolean, true);

	// `problems` holds this item's problems only.
	if (problems.length || validSku === undefined || quantity === undefined || marketplaceId === undefined) return undefined;
	return { itemIndex, sku: validSku, marketplaceId, quantity, handlingTimeDays, restockDate, productType, allowAmazonFulfilled: allowAmazonFulfilled === true };
}

function resolveDuplicates(
	requests: FbmQuantityRequest[],
	rule: DuplicateRule,
): { requests: FbmQuantityRequest[]; duplicateProblems: InputProblem[]; superseded: Superseded[] } {
	const groups = new Map<string, FbmQuantityRequest[]>();
	for (const request of requests) {
		const key = `${request.marketplaceId}\u0000${request.sku}`;
		const group = groups.get(key);
		if (group) group.push(request);
		else groups.set(key, [request]);
	}
	const kept: FbmQuantityRequest[] = [];
	const duplicateProblems: InputProblem[] = [];
	const superseded: Superseded[] = [];
	for (const group of groups.values()) {
		if (group.length === 1) {
			kept.push(group[0]);
			continue;
		}
		const last = group[group.length - 1];
		if (rule === 'lastWins') {
			kept.push(last);
			for (const earlier of group.slice(0, -1)) superseded.push({ request: earlier, byItemIndex: last.itemIndex });
			continue;
		}
		const indexes = group.map((r) => r.itemIndex).join(', ');
		for (const request of group) {
			duplicateProblems.push({
				itemIndex: request.itemIndex,
				sku: request.sku,
				field: 'SKU',
				message: `appears in items ${indexes} for the same marketplace; send one quantity per SKU, or set "Duplicate SKUs" to "Last Item Wins"`,
			});
		}
	}
	kept.sort((a, b) => a.itemIndex - b.itemIndex);
	return { requests: kept, duplicateProblems, superseded };
}

/**
 * The JSON Patch that sets the merchant quantity. `merge` (not `replace`) keys on the channel
 * code: it changes the DEFAULT entry only and leaves fields the user did not give (handling time,
 * restock date) as they are on Amazon.
 */
export function fulfillmentAvailabilityPatch(request: FbmQuantityRequest): { op: 'merge'; path: string; value: Array<Record<string, unknown>> } {
	const entry: Record<string, unknown> = { fulfillment_channel_code: MERCHANT_CHANNEL, quantity: request.quantity };
	if (request.handlingTimeDays !== undefined) entry.lead_time_to_ship_max_days = request.handlingTimeDays;
	if (request.restockDate !== undefined) entry.restock_date = request.restockDate;
	return { op: 'merge', path: FULFILLMENT_AVAILABILITY_PATH, value: [entry] };
}

/** One line per problem, item and SKU first, for error messages. */
export function describeProblem(problem: InputProblem): string {
	const sku = problem.sku === undefined ? '' : ` (SKU "${problem.sku}")`;
	return `Item ${problem.itemIndex}${sku}: ${problem.field} ${problem.message}`;
}

/** Whole numbers ≥ 0, also written as text ("12") since ERP exports often are. */
function wholeNumber(value: unknown, expected: string, max: number): Parsed<number> {
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number === 'number' && Number.isSafeInteger(number) && number >= 0) {
		return number <= max ? { value: number } : { error: `must be at most ${max.toLocaleString('en-US')} (Amazon stores it as a 32-bit integer), not ${describeValue(value)}` };
	}
	return { error: `must be ${expected}, not ${describeValue(value)}` };
}

/** YYYY-MM-DD from a date, an ISO date-time, a Date or a Luxon DateTime (as n8n expressions give). */
function readDate(value: unknown): Parsed<string> {
	const invalid = { error: `must be a date like 2026-03-31, not ${describeValue(value)}` };
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? invalid : { value: value.toISOString().slice(0, 10) };
	const luxon = value as { isValid?: boolean; toISODate?: () => string | null };
	if (luxon && typeof luxon === 'object' && typeof luxon.toISODate === 'function') {
		const date = luxon.isValid === false ? null : luxon.toISODate();
		return date ? { value: date } : invalid;
	}
	if (typeof value !== 'string') return invalid;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value.trim());
	if (!match) return invalid;
	const [, y, m, d] = match;
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	// Rejects 2026-02-30 and the like, which Date would roll over into March.
	if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return invalid;
	return { value: `${y}-${m}-${d}` };
}

function readProductType(value: unknown): Parsed<string> {
	const productType = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (/^[A-Z0-9_]+$/.test(productType)) return { value: productType };
	return { error: `must be an Amazon product type such as LUGGAGE or HOME_BED_AND_BATH, not ${describeValue(value)}` };
}

function readBoolean(value: unknown): Parsed<boolean> {
	return typeof value === 'boolean' ? { value } : { error: `must be true or false, not ${describeValue(value)}` };
}
