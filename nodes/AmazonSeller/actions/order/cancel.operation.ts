import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CANCEL_REASONS } from '../../amazon/cancelReasons';
import { getSpApiClient, runFeed } from '../../transport';
import type { CancelMessage } from '../../amazon/acknowledgementFeed';
import { ACKNOWLEDGEMENT_CONTENT_TYPE, ACKNOWLEDGEMENT_FEED_TYPE, buildAcknowledgementFeed } from '../../amazon/acknowledgementFeed';
import { reportFeedResults } from '../feedResults';
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

	// 3. One feed for all orders of this execution, then each order's result from its message.
	const entries = [...toCancel].map(([itemIndex, message]) => ({
		itemIndex,
		messageId: message.messageId,
		base: { orderId: message.orderId, items: message.items as unknown as IDataObject[] },
	}));
	const run = await runFeed(
		client,
		{
			feedType: ACKNOWLEDGEMENT_FEED_TYPE,
			marketplaceIds: [...new Set([...toCancel.values()].map((message) => message.marketplaceId))],
			content: buildAcknowledgementFeed(client.sellerId ?? 'SELLER', [...toCancel.values()]),
			contentType: ACKNOWLEDGEMENT_CONTENT_TYPE,
			messageIds: entries.map((entry) => entry.messageId),
		},
		{ waitMs: waitForProcessing ? waitMinutes * 60_000 : 0 },
	);
	// Without waiting, an unfinished feed is simply "submitted": the feed id is what the user keeps.
	reportFeedResults(runner, run, entries, (entry) => ({ ...entry.base, status: 'accepted' }), {
		unfinished: waitForProcessing ? 'processing' : 'submitted',
		rejected: () => 'the cancellation',
	});
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
