import { startSimulator, type Simulator } from '../../simulator';
import { SpApiClient } from '../../nodes/AmazonSeller/transport/client';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import type { FeedRequest, FeedRun } from '../../nodes/AmazonSeller/transport/feeds';
import { collectFeed, FEED_POLL, feedPollDelays, runFeed } from '../../nodes/AmazonSeller/transport/feeds';
import { resetPacing } from '../../nodes/AmazonSeller/transport/pacing';
import { simulatorCredentials } from '../support/simulatorCredentials';

const US = 'ATVPDKIKX0DER';
let sim: Simulator;
let clock: VirtualClock;

beforeAll(async () => {
	clock = new VirtualClock(Date.UTC(2026, 5, 1, 12));
	setClock(clock);
	sim = await startSimulator({ clock, seed: 23 });
});
afterAll(async () => {
	await sim.close();
	setClock(systemClock);
});
beforeEach(() => {
	// createFeed sustains one call per two minutes: let Amazon's bucket and ours refill between tests.
	clock.advance(3_600_000);
	resetPacing();
	sim.faults.clear();
	sim.resetCalls();
	sim.setFeedTiming(undefined);
});

const client = () => SpApiClient.uncached(simulatorCredentials(sim, 'na'));
const calls = (operation: string) => sim.calls.filter((c) => c.operation === operation);
const merchantListings = () => sim.listings.all('na', US).filter((l) => l.channelCode === 'DEFAULT');

/** A JSON_LISTINGS_FEED setting quantities: message n is entries[n - 1]. */
function listingsFeed(entries: Array<{ sku: string; productType: string; quantity: number }>): FeedRequest {
	const document = {
		header: { sellerId: sim.accounts.na.sellerId, version: '2.0', issueLocale: 'en_US' },
		messages: entries.map((entry, index) => ({
			messageId: index + 1,
			sku: entry.sku,
			operationType: 'PATCH',
			productType: entry.productType,
			patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: entry.quantity }] }],
		})),
	};
	return {
		feedType: 'JSON_LISTINGS_FEED',
		marketplaceIds: [US],
		content: JSON.stringify(document),
		contentType: 'application/json; charset=UTF-8',
		messageIds: entries.map((_, index) => index + 1),
	};
}

/** Two real merchant SKUs and one Amazon does not know (message 3). */
function threeMessages(): { request: FeedRequest; skus: string[] } {
	const [a, b] = merchantListings();
	const entries = [
		{ sku: a.sku, productType: a.product.productType, quantity: 11 },
		{ sku: b.sku, productType: b.product.productType, quantity: 0 },
		{ sku: 'NO-SUCH-SKU-1', productType: a.product.productType, quantity: 3 },
	];
	return { request: listingsFeed(entries), skus: entries.map((e) => e.sku) };
}

const statuses = (run: FeedRun) => [...run.results.values()].map((r) => r.status);

describe('runFeed on the simulator', () => {
	it('collects a feed Amazon finishes in 3 s within seconds, one result per message', async () => {
		sim.setFeedTiming({ queuedMs: 1_000, processingMs: 2_000 });
		const { request, skus } = threeMessages();
		const started = clock.now();
		const run = await runFeed(client(), request, { waitMs: 15 * 60_000 });
		expect(run.state).toBe('done');
		expect(run.feedId).toMatch(/^\d+$/);
		expect(statuses(run)).toEqual(['accepted', 'accepted', 'rejected']);
		expect(run.results.get(3)!.errors[0]).toMatchObject({ severity: 'ERROR', message: expect.stringContaining('NO-SUCH-SKU-1') });
		expect([...run.results.values()].every((r) => r.feedId === run.feedId)).toBe(true);
		expect(clock.now() - started).toBeLessThan(10_000);
		expect(calls('getFeed')).toHaveLength(1);
		expect(sim.state.quantityUpdates.filter((u) => skus.includes(u.sku)).map((u) => [u.sku, u.quantity])).toEqual([
			[skus[0], 11],
			[skus[1], 0],
		]);
		expect(sim.validationErrors).toEqual([]);
	});

	it('asks getFeed a handful of times, however long Amazon takes (3 s, 60 s, 10 min)', async () => {
		const figures: string[] = [];
		const costs: number[] = [];
		for (const doneAfterMs of [3_000, 60_000, 600_000]) {
			clock.advance(3_600_000);
			resetPacing();
			sim.resetCalls();
			sim.setFeedTiming({ queuedMs: 0, processingMs: doneAfterMs });
			const [a] = merchantListings();
			const started = clock.now();
			const run = await runFeed(client(), listingsFeed([{ sku: a.sku, productType: a.product.productType, quantity: 5 }]), { waitMs: 20 * 60_000 });
			expect(run.state).toBe('done');
			const lateBy = clock.now() - started - doneAfterMs;
			costs.push(calls('getFeed').length);
			figures.push(`done in ${doneAfterMs / 1000} s: ${calls('getFeed').length} getFeed calls, results ${(lateBy / 1000).toFixed(1)} s after Amazon finished`);
			// Never later than one poll gap behind Amazon.
			expect(lateBy).toBeLessThanOrEqual(FEED_POLL.maxMs);
		}
		console.log(`feed status polling (first after ${FEED_POLL.firstMs / 1000} s, ×${FEED_POLL.factor}, cap ${FEED_POLL.maxMs / 1000} s):\n  ${figures.join('\n  ')}`);
		expect(costs[0]).toBe(1);
		expect(costs[1]).toBeLessThanOrEqual(6);
		expect(costs[2]).toBeLessThanOrEqual(15);
	});

	it('returns "processing" with the feed id when Amazon is not done at the deadline; collectFeed gets the real results later', async () => {
		sim.setFeedTiming({ queuedMs: 20_000, processingMs: 100_000 });
		const { request } = threeMessages();
		const run = await runFeed(client(), request, { waitMs: 30_000 });
		expect(run.state).toBe('processing');
		expect(run.processingStatus).toBe('IN_PROGRESS');
		expect(run.note).toContain(run.feedId);
		expect([...run.results.values()]).toEqual(
			[1, 2, 3].map(() => ({ status: 'processing', errors: [], warnings: [], feedId: run.feedId })),
		);

		clock.advance(5 * 60_000);
		sim.resetCalls();
		const later = await collectFeed(client(), run.feedId!, request.messageIds, { waitMs: 60_000 });
		expect(later.state).toBe('done');
		expect(later.feedId).toBe(run.feedId);
		expect(statuses(later)).toEqual(['accepted', 'accepted', 'rejected']);
		expect(calls('getFeed')).toHaveLength(1);
		expect(calls('createFeed')).toHaveLength(0);
	});

	it('sends and returns at once with waitMs 0: every message "processing", no getFeed', async () => {
		const { request } = threeMessages();
		const run = await runFeed(client(), request, { waitMs: 0 });
		expect(run.state).toBe('processing');
		expect(run.feedId).toBeTruthy();
		expect(calls('getFeed')).toHaveLength(0);
	});

	it('retries a report download reset after Amazon processed the feed, and reads the results', async () => {
		sim.setFeedTiming({ queuedMs: 0, processingMs: 3_000 });
		sim.faults.add({ operation: 'download', kind: 'reset', times: 2 });
		const run = await runFeed(client(), threeMessages().request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('done');
		expect(statuses(run)).toEqual(['accepted', 'accepted', 'rejected']);
		expect(calls('download').map((c) => c.status)).toEqual([0, 0, 200]);
	});

	it('never calls a processed feed failed when its report cannot be downloaded: each message "unknown", with the feed id', async () => {
		sim.setFeedTiming({ queuedMs: 0, processingMs: 3_000 });
		sim.faults.add({ operation: 'download', kind: 'reset' });
		const { request, skus } = threeMessages();
		const before = sim.state.quantityUpdates.length;
		const run = await runFeed(client(), request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('unknown');
		expect(run.feedId).toBeTruthy();
		expect([...run.results.values()]).toEqual([1, 2, 3].map(() => ({ status: 'unknown', errors: [], warnings: [], feedId: run.feedId })));
		expect(run.note).toContain(`Amazon processed feed ${run.feedId}`);
		expect(run.note).toContain('tried 4 times');
		expect(run.error?.message).toMatch(/^Document download failed: the connection failed \(ECONNRESET\) \(tried 4 times\)$/);
		expect(calls('download')).toHaveLength(4);
		// Which is the truth: Amazon did apply the feed.
		expect(sim.state.quantityUpdates.slice(before).map((u) => u.sku)).toEqual(skus.slice(0, 2));
	});

	it('calls a feed "unknown", not failed, when its status cannot be read after createFeed', async () => {
		sim.faults.add({ operation: 'getFeed', kind: '503' });
		const run = await runFeed(client(), threeMessages().request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('unknown');
		expect(statuses(run)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(run.note).toMatch(/Amazon received feed \d+, but its status could not be read .*Amazon may have processed it/);
	});

	it('retries an upload that meets a 500, then sends the feed', async () => {
		sim.setFeedTiming({ queuedMs: 0, processingMs: 3_000 });
		sim.faults.add({ operation: 'upload', kind: '500', times: 1 });
		const run = await runFeed(client(), threeMessages().request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('done');
		expect(calls('upload').map((c) => c.status)).toEqual([500, 200]);
	});

	it('says "notSent" when the document never uploads: nothing reached Amazon, no feed was created', async () => {
		sim.faults.add({ operation: 'upload', kind: '500' });
		const run = await runFeed(client(), threeMessages().request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('notSent');
		expect(run.feedId).toBeUndefined();
		expect(run.note).toBe('Nothing reached Amazon: upload failed: Document upload failed: HTTP 500 from the upload URL (tried 4 times)');
		expect(run.results.get(1)).toEqual({ status: 'notSent', errors: [expect.objectContaining({ code: 'InternalError', severity: 'ERROR' })], warnings: [] });
		expect(calls('createFeed')).toHaveLength(0);
	});

	it('does not claim "nothing was sent" when createFeed got no answer: "unknown", Amazon may have the feed', async () => {
		sim.faults.add({ operation: 'createFeed', kind: 'reset' });
		const run = await runFeed(client(), threeMessages().request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('unknown');
		expect(run.feedId).toBeUndefined();
		expect(statuses(run)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(run.note).toMatch(/Amazon may have received this JSON_LISTINGS_FEED feed: createFeed got no answer/);
	});

	it('reports a feed Amazon rejects as a whole (FATAL) as rejected, with Amazon\'s reason on every message', async () => {
		sim.setFeedTiming({ queuedMs: 0, processingMs: 3_000 });
		const request = { ...threeMessages().request, content: '{"header": {"sellerId": "x"}' };
		const run = await runFeed(client(), request, { waitMs: 10 * 60_000 });
		expect(run.state).toBe('rejected');
		expect(run.processingStatus).toBe('FATAL');
		expect(run.documentIssues[0].message).toMatch(/not valid JSON/);
		for (const result of run.results.values()) {
			expect(result.status).toBe('rejected');
			expect(result.errors[0].message).toMatch(/not valid JSON/);
		}
	});

	it('reads the XML report of the order acknowledgement feed the same way', async () => {
		sim.setFeedTiming({ queuedMs: 0, processingMs: 3_000 });
		const order = sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', createdAt: clock.now() - 3_600_000 });
		const message = (id: number, orderId: string) =>
			`<Message><MessageID>${id}</MessageID><OrderAcknowledgement><AmazonOrderID>${orderId}</AmazonOrderID><StatusCode>Failure</StatusCode>` +
			`<Item><AmazonOrderItemCode>${order.items[0].orderItemId}</AmazonOrderItemCode><CancelReason>NoInventory</CancelReason></Item></OrderAcknowledgement></Message>`;
		const content =
			`<?xml version="1.0" encoding="UTF-8"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${sim.accounts.na.sellerId}</MerchantIdentifier></Header>` +
			`<MessageType>OrderAcknowledgement</MessageType>${message(1, order.orderId)}${message(2, '111-0000000-0000000')}</AmazonEnvelope>`;
		const run = await runFeed(
			client(),
			{ feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA', marketplaceIds: [US], content, contentType: 'text/xml; charset=UTF-8', messageIds: [1, 2] },
			{ waitMs: 10 * 60_000 },
		);
		expect(run.state).toBe('done');
		expect(run.results.get(1)).toMatchObject({ status: 'accepted', errors: [] });
		expect(run.results.get(2)).toMatchObject({ status: 'rejected', errors: [{ code: '18028', orderId: '111-0000000-0000000', severity: 'ERROR' }] });
		expect(sim.state.cancellations.map((c) => c.orderId)).toContain(order.orderId);
	});

	it('stops waiting when the execution is cancelled, and keeps the feed id', async () => {
		const controller = new AbortController();
		const pending = runFeed(client(), threeMessages().request, { waitMs: 10 * 60_000, signal: controller.signal });
		// Let it create the feed and start waiting, then cancel.
		while (calls('createFeed').length === 0 || calls('createFeed')[0].status === 0) await new Promise((resolve) => setImmediate(resolve));
		controller.abort();
		const run = await pending;
		expect(run.state).toBe('processing');
		expect(run.feedId).toBeTruthy();
		expect(run.note).toMatch(/cancelled/);
	});
});

describe('feed polling schedule', () => {
	it('starts after a few seconds and grows to a minute', () => {
		const delays = feedPollDelays();
		const first = Array.from({ length: 9 }, () => delays.next().value);
		expect(first).toEqual([3000, 4800, 7680, 12288, 19661, 31457, 50332, 60000, 60000]);
	});
});
