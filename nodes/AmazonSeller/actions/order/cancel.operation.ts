import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CANCEL_REASONS } from '../../amazon/cancelReasons';
import type { SpApiClient } from '../../transport';
import { getSpApiClient, SpApiError } from '../../transport';
import type { FeedStatus } from '../../transport/feeds';
import { getFeedResult, submitFeed, waitForFeed } from '../../transport/feeds';
import type { CancelMessage, ProcessingReport } from '../../amazon/acknowledgementFeed';
import { ACKNOWLEDGEMENT_CONTENT_TYPE, ACKNOWLEDGEMENT_FEED_TYPE, buildAcknowledgementFeed, parseProcessingReport } from '../../amazon/acknowledgementFeed';
import type { CancelInput, CancelPlan } from '../../rules/cancellation';
import { planCancellation, readCancelInput } from '../../rules/cancellation';
import { optionsCollection, orderIdField, orderItemsCollection } from './fields';
import { InputError, orderSubject } from '../../rules/inputError';
import type { ItemRunner } from '../itemRunner';
import { OrderReads } from './orderReads';

const show = { resource: ['order'], operation: ['cancel'] };
const reasonOptions = CANCEL_REASONS.map((reason) => ({ name: reason.code, value: reason.code, description: reason.description }));
const DEFAULT_WAIT_MINUTES = 15;

export const description: INodeProperties[] = [
	orderIdField('cancel', 'The merchant-fulfilled Amazon order to cancel (nothing of it may have shipped)'),
	{
		displayName: 'Cancel',
		name: 'cancelScope',
		type: 'options',
		options: [
			{ name: 'Selected Items', value: 'items', description: 'Only the order items listed below' },
			{ name: 'Selected Items (JSON)', value: 'json', description: 'Order items from an expression' },
			{ name: 'Whole Order', value: 'order', description: 'Every item of the order' },
		],
		default: 'order',
		displayOptions: { show },
	},
	{
		displayName: 'Cancel Reason',
		name: 'cancelReason',
		type: 'options',
		options: reasonOptions,
		default: 'NoInventory',
		description: 'Amazon\'s reason code; for JSON items it is used where a line gives none. Amazon restocks canceled units for every reason except NoInventory.',
		displayOptions: { show: { ...show, cancelScope: ['order', 'json'] } },
	},
	orderItemsCollection({ ...show, cancelScope: ['items'] }, [
		{ displayName: 'Cancel Reason', name: 'cancelReason', type: 'options', options: reasonOptions, default: 'NoInventory' },
	]),
	{
		displayName: 'Items (JSON)',
		name: 'itemsJson',
		type: 'json',
		default: '[\n  {\n    "orderItemId": "",\n    "cancelReason": "NoInventory"\n  }\n]',
		description: 'List of {"orderItemId", "cancelReason"} objects',
		displayOptions: { show: { ...show, cancelScope: ['json'] } },
	},
	optionsCollection(show, [
		{
			displayName: 'Skip Already Canceled',
			name: 'skipAlreadyCanceled',
			type: 'boolean',
			default: false,
			description: 'Whether an order that is already canceled gives an "alreadyCanceled" result instead of an error, so the workflow can safely run again',
		},
		{
			displayName: 'Wait for Processing',
			name: 'waitForProcessing',
			type: 'boolean',
			default: true,
			description:
				"Whether to wait until Amazon has processed the feed and return each order's result; otherwise return the feed ID right after sending. Applies to the whole run (all items go in one feed): the first item's value is used.",
		},
		{
			displayName: 'Wait Timeout (Minutes)',
			name: 'waitMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_WAIT_MINUTES,
			description: 'How long to wait for Amazon to process the feed; orders still processing after that are returned as "processing". Applies to the whole run: the first item\'s value is used.',
		},
	]),
];

type CancelAction = Extract<CancelPlan, { action: 'cancel' }>;

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	// 1. Every item's fields, before anything is sent.
	const checked = runner.read(
		(itemIndex): CancelInput => {
			const scope = this.getNodeParameter('cancelScope', itemIndex, 'order') as string;
			return readCancelInput({
				orderId: this.getNodeParameter('orderId', itemIndex),
				scope: scope === 'json' ? 'items' : scope,
				cancelReason: scope === 'items' ? undefined : this.getNodeParameter('cancelReason', itemIndex, ''),
				items: scope === 'items' ? this.getNodeParameter('items.item', itemIndex, []) : scope === 'json' ? this.getNodeParameter('itemsJson', itemIndex, '[]') : undefined,
				itemsField: scope === 'json' ? 'Items (JSON)' : 'Items',
			});
		},
		{ subject: (input) => orderSubject(input.orderId), across: sameOrderTwice },
	);
	if (checked.length === 0) return;

	// Run-wide options (every item goes into one feed): read from the first item, as documented.
	const waitForProcessing = this.getNodeParameter('options.waitForProcessing', 0, true) as boolean;
	const waitMinutes = this.getNodeParameter('options.waitMinutes', 0, DEFAULT_WAIT_MINUTES) as number;

	// 2. Each order as Amazon has it: merchant-fulfilled, nothing shipped (reads only).
	const client = await getSpApiClient.call(this);
	const reads = new OrderReads(client, ['FULFILLMENT']);
	const toCancel = new Map<number, CancelMessage & { marketplaceId: string }>();
	await runner.each(checked, async ({ itemIndex, value: input }) => {
		const skipAlreadyCanceled = this.getNodeParameter('options.skipAlreadyCanceled', itemIndex, false) as boolean;
		const plan = planCancellation(input, await reads.get(input.orderId), { skipAlreadyCanceled });
		if (plan.action === 'alreadyCanceled') return runner.ok(itemIndex, { orderId: input.orderId, status: 'alreadyCanceled', message: plan.reason });
		const { items, marketplaceId } = plan as CancelAction;
		toCancel.set(itemIndex, { messageId: toCancel.size + 1, orderId: input.orderId, items, marketplaceId });
	});
	// Without "Continue On Fail" a problem found while reading stops the run before the feed is sent.
	if (toCancel.size === 0 || runner.stopped) return runner.notSent(toCancel.keys());

	// 3. One feed for all orders of this execution, then each order's result from the report.
	const messages = [...toCancel.values()];
	const outcomes = await sendFeed(client, messages, messages.map((message) => message.marketplaceId), {
		waitForProcessing,
		timeoutMs: waitMinutes * 60_000,
	});
	for (const [itemIndex, message] of toCancel) {
		const error = outcomes.errorFor(message.messageId);
		if (error) runner.fail(itemIndex, error);
		else runner.ok(itemIndex, outcomes.resultFor(message));
	}
}

/** One order in two items would be two messages about one order in one feed. */
function* sameOrderTwice(checked: Array<{ itemIndex: number; value: CancelInput }>): Iterable<[number, InputError]> {
	const seen = new Map<string, number>();
	for (const { itemIndex, value: input } of checked) {
		const earlier = seen.get(input.orderId);
		if (earlier === undefined) seen.set(input.orderId, itemIndex);
		else yield [itemIndex, new InputError('Order ID', `Order ${input.orderId} is also canceled by item ${earlier}; give each order once`, { orderId: input.orderId })];
	}
}

interface FeedOutcomes {
	errorFor(messageId: number): Error | undefined;
	resultFor(message: CancelMessage): IDataObject;
}

async function sendFeed(
	client: SpApiClient,
	messages: CancelMessage[],
	marketplaceIds: string[],
	options: { waitForProcessing: boolean; timeoutMs: number },
): Promise<FeedOutcomes> {
	const content = buildAcknowledgementFeed(client.sellerId ?? 'SELLER', messages);
	let feedId: string;
	try {
		({ feedId } = await submitFeed(client, {
			feedType: ACKNOWLEDGEMENT_FEED_TYPE,
			marketplaceIds: [...new Set(marketplaceIds)],
			content,
			contentType: ACKNOWLEDGEMENT_CONTENT_TYPE,
		}));
	} catch (error) {
		return everyMessage(error as Error);
	}
	const base = (message: CancelMessage, status: string): IDataObject => ({
		orderId: message.orderId,
		status,
		feedId,
		items: message.items as unknown as IDataObject[],
	});
	if (!options.waitForProcessing) return { errorFor: () => undefined, resultFor: (message) => base(message, 'submitted') };

	let feed: FeedStatus;
	try {
		feed = await waitForFeed(client, feedId, { timeoutMs: options.timeoutMs });
	} catch (error) {
		// Still in Amazon's queue: not a failure, the feed will be processed later.
		if (error instanceof SpApiError && error.code === 'FeedNotDone') {
			return { errorFor: () => undefined, resultFor: (message) => ({ ...base(message, 'processing'), message: error.message }) };
		}
		return everyMessage(error as Error);
	}
	let report: ProcessingReport | undefined;
	try {
		if (feed.resultFeedDocumentId) report = parseProcessingReport(await getFeedResult(client, feed));
	} catch (error) {
		return everyMessage(error as Error);
	}
	if (feed.processingStatus !== 'DONE' || report?.documentErrors.length) {
		const why = report?.documentErrors.map((issue) => issue.message).join('; ');
		return everyMessage(
			new SpApiError(`could not process cancellation feed ${feedId} (${feed.processingStatus})${why ? `: ${why}` : ''}`, {
				code: `Feed${feed.processingStatus}`,
			}),
		);
	}
	return {
		errorFor: (messageId) => {
			const issues = report?.errors.get(messageId);
			if (!issues?.length) return undefined;
			// No operation name: the node error then reads "Amazon rejected the cancellation: …".
			return new SpApiError(`rejected the cancellation: ${issues.map((issue) => issue.message).join('; ')}`, {
				code: issues[0].code ?? 'FeedMessageError',
				details: `Feed ${feedId}, message ${messageId}. The feed's other orders were processed on their own.`,
			});
		},
		resultFor: (message) => {
			const warnings = report?.warnings.get(message.messageId);
			return { ...base(message, 'accepted'), ...(warnings?.length ? { warnings: warnings as unknown as IDataObject[] } : {}) };
		},
	};
}

function everyMessage(error: Error): FeedOutcomes {
	return { errorFor: () => error, resultFor: () => ({}) };
}
