import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk, groupBy } from '../../rules/batches';
import type { DuplicateRule, FbmQuantityRequest, InputProblem, RawFbmInput, Superseded } from '../../rules/fbmQuantity';
import { Unreadable, validateFbmInputs } from '../../rules/fbmQuantity';
import { InputError, skuSubject } from '../../rules/inputError';
import { MAX_MESSAGES_PER_FEED } from '../../amazon/listingsFeed';
import { CREDENTIAL_NAME, getSpApiClient } from '../../transport';
import { marketplaceField } from './fields';
import type { ItemRunner } from '../itemRunner';
import { lookupMissing, skippedAmazonFulfilledJson, skippedDuplicateJson } from './fbmResults';
import { lookupListings } from './lookupListings';
import { sendFeed } from './sendFeed';
import type { SendEntry } from './sendPatches';
import { sendPatches } from './sendPatches';

/**
 * Default switch-over from patches to a feed, per marketplace. Patches run at 5/s (burst 5), so
 * 250 SKUs take about 50 s, roughly what Amazon needs to process a small feed. Above that, a feed
 * finishes sooner in about five calls and leaves the patch budget to other workflows; below it,
 * patches answer per SKU at once and spare the scarce feed budget (createFeed: burst 15, then one
 * per two minutes).
 */
export const DEFAULT_FEED_THRESHOLD = 250;

const show = { resource: ['inventory'], operation: ['updateFbmQuantity'] };

export const description: INodeProperties[] = [
	marketplaceField('updateFbmQuantity', 'Map it from the item (e.g. {{ $json.marketplaceId }}) to update several marketplaces in one run'),
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		required: true,
		default: '={{ $json.sku }}',
		description: 'Seller SKU of the merchant-fulfilled offer',
		displayOptions: { show },
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		// Text, not a number field: the quantity comes from each item (the ERP's free stock), so the
		// default is an expression; the run checks it is a whole number (item and SKU named if not).
		type: 'string',
		required: true,
		default: '={{ $json.quantity }}',
		description: 'Units you can ship: a whole number of 0 or more (0 shows the offer as out of stock)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Allow Amazon-Fulfilled Offers',
				name: 'allowAmazonFulfilled',
				type: 'boolean',
				default: false,
				description:
					"Whether to send the quantity even when Amazon fulfills the offer (FBA). Off: such items are skipped with a warning, because a merchant quantity on an FBA offer makes Amazon sell it as merchant-fulfilled from stock you may not have.",
			},
			{
				displayName: 'Duplicate SKUs',
				name: 'duplicateSkus',
				type: 'options',
				default: 'error',
				description: 'What to do when several items carry the same SKU for the same marketplace. Applies to the whole run: the first item\'s value is used.',
				options: [
					{ name: 'Error', value: 'error', description: 'Each of those items fails and none of their quantities is sent; the other items go on' },
					{ name: 'Last Item Wins', value: 'lastWins', description: 'The last of those items is sent; the earlier ones are skipped with a warning' },
				],
			},
			{
				displayName: 'Feed Threshold (SKUs)',
				name: 'feedThreshold',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_FEED_THRESHOLD,
				description:
					'Per marketplace, more SKUs than this go in one JSON_LISTINGS_FEED instead of one patch call each. Patches run at 5 per second, so 250 SKUs take about 50 s, about what Amazon needs to process a small feed; above that a feed is sooner and takes about 5 calls. Applies to the whole run: the first item\'s value is used.',
			},
			{
				displayName: 'Feed Wait Timeout (Minutes)',
				name: 'feedWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				description: 'How long to wait for Amazon to process a feed before reporting its items as still processing (with the feed ID). Applies to the whole run: the first item\'s value is used.',
			},
			{
				displayName: 'Handling Time (Days)',
				name: 'handlingTimeDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2,
				description: 'Days between order and shipment (lead_time_to_ship_max_days); left unchanged on Amazon when not set',
			},
			{
				displayName: 'Product Type',
				name: 'productType',
				type: 'string',
				default: '',
				placeholder: 'e.g. HOME_BED_AND_BATH',
				description: 'Amazon product type of the listing. Looked up on Amazon (20 SKUs per call) when empty.',
			},
			{
				displayName: 'Restock Date',
				name: 'restockDate',
				type: 'dateTime',
				default: '',
				description: 'When an out-of-stock offer will be back in stock (restock_date); left unchanged on Amazon when not set',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const node = this.getNode();
	const client = await getSpApiClient.call(this);
	// Read from the credential itself: the cached client keeps the Seller ID it was created with,
	// so a user who adds the missing ID would otherwise still be told it is missing.
	const credentials = await this.getCredentials(CREDENTIAL_NAME);
	const sellerId = typeof credentials.sellerId === 'string' ? credentials.sellerId.trim() : '';
	if (!sellerId) {
		throw new NodeOperationError(node, "The credential has no Seller ID, which the Listings Items API needs to address this seller's offers", {
			description: 'Add it to the Amazon Seller API credential: Seller Central → Settings → Account Info → Merchant Token. Nothing was sent.',
		});
	}
	const settings = readSettings(this);

	// 1. Every item is checked before anything is sent (duplicate SKUs are a problem across items).
	const validation = validateFbmInputs(
		runner.items.map((_, itemIndex) => readInput(this, itemIndex)),
		{ region: client.region, duplicates: settings.duplicates },
	);
	const problems = new Map([...groupBy(validation.problems, (p) => String(p.itemIndex))].map(([itemIndex, list]) => [Number(itemIndex), list]));
	const requests = new Map(validation.requests.map((request) => [request.itemIndex, request]));
	const superseded = new Map(validation.superseded.map((entry) => [entry.request.itemIndex, entry]));
	const checked = runner.read(
		(itemIndex): FbmQuantityRequest | Superseded => {
			const found = problems.get(itemIndex);
			if (found) throw problemError(found);
			return requests.get(itemIndex) ?? superseded.get(itemIndex)!;
		},
		{ subject: (value) => skuSubject('sku' in value ? value.sku : value.request.sku) },
	);
	const toCheck: FbmQuantityRequest[] = [];
	for (const { itemIndex, value } of checked) {
		if ('byItemIndex' in value) runner.ok(itemIndex, skippedDuplicateJson(value.request, value.byItemIndex));
		else toCheck.push(value);
	}

	// 2. Product types and the FBA guard, from batched listing lookups.
	const needLookup = toCheck.filter((r) => !(r.productType && r.allowAmazonFulfilled));
	const facts = await lookupListings(runner, client, sellerId, needLookup);
	const toSend: SendEntry[] = [];
	for (const request of toCheck) {
		if (runner.has(request.itemIndex)) continue; // its lookup failed or was not sent
		const listing = facts.get(request);
		const productType = request.productType ?? listing?.productType;
		if (listing?.amazonFulfilled && !request.allowAmazonFulfilled) runner.ok(request.itemIndex, skippedAmazonFulfilledJson(request, listing.channels));
		else if (productType) toSend.push({ request, productType });
		else runner.fail(request.itemIndex, lookupMissing(request, listing?.found === true));
	}
	// Without "Continue On Fail" a failed item stops the run here, so nothing is sent half-way.
	if (runner.stopped) return runner.notSent(toSend.map((entry) => entry.request.itemIndex));

	// 3. Patches for a few SKUs, a feed per marketplace for many. Marketplaces go side by side, so
	// five EU feeds are processed by Amazon at the same time rather than one after another; the
	// transport paces calls that share a budget.
	await Promise.all(
		[...groupBy(toSend, (e) => e.request.marketplaceId)].map(async ([marketplaceId, entries]) => {
			if (entries.length <= settings.feedThreshold) return await sendPatches(runner, client, sellerId, entries);
			for (const part of chunk(entries, MAX_MESSAGES_PER_FEED)) {
				await sendFeed(runner, client, sellerId, marketplaceId, part, settings.feedWaitMs);
			}
		}),
	);
}

/** One item's problems as one error: the first field named, every problem listed. */
function problemError(problems: InputProblem[]): InputError {
	const message = problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');
	return new InputError(problems[0].field, message, { subject: problems[0].sku === undefined ? undefined : skuSubject(problems[0].sku) });
}

interface Settings {
	duplicates: DuplicateRule;
	feedThreshold: number;
	feedWaitMs: number;
}

/**
 * Run-wide options, read once from the first item: they decide how items are grouped, so they
 * cannot vary per item. Read one by one, so a per-item option's failing expression is that
 * item's problem rather than the whole run's.
 */
function readSettings(ctx: IExecuteFunctions): Settings {
	const option = (name: string, fallback: unknown) => ctx.getNodeParameter(`options.${name}`, 0, fallback) as unknown;
	const duplicates = option('duplicateSkus', 'error') === 'lastWins' ? 'lastWins' : 'error';
	const threshold = option('feedThreshold', DEFAULT_FEED_THRESHOLD);
	const waitMinutes = option('feedWaitMinutes', 15);
	if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 0) {
		throw new NodeOperationError(ctx.getNode(), `Options → Feed Threshold (SKUs) must be a whole number of 0 or more, not ${String(threshold)}`);
	}
	if (typeof waitMinutes !== 'number' || !(waitMinutes > 0)) {
		throw new NodeOperationError(ctx.getNode(), `Options → Feed Wait Timeout (Minutes) must be more than 0, not ${String(waitMinutes)}`);
	}
	return { duplicates, feedThreshold: threshold, feedWaitMs: waitMinutes * 60_000 };
}

/** The item's fields as given; an expression that fails becomes that field's input problem. */
function readInput(ctx: IExecuteFunctions, itemIndex: number): RawFbmInput {
	const read = (name: string): unknown => {
		try {
			// n8n throws "Could not get parameter" for an unset option when the fallback is undefined.
			const value = ctx.getNodeParameter(name, itemIndex, null);
			return value === null ? undefined : value;
		} catch (error) {
			return new Unreadable((error as Error).message);
		}
	};
	return {
		itemIndex,
		sku: read('sku'),
		quantity: read('quantity'),
		marketplaceId: read('marketplaceId'),
		handlingTimeDays: read('options.handlingTimeDays'),
		restockDate: read('options.restockDate'),
		productType: read('options.productType'),
		allowAmazonFulfilled: read('options.allowAmazonFulfilled'),
	};
}
