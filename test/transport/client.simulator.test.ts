import { inspect } from 'util';
import type { ICredentialTestFunctions, INode } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../../simulator';
import { AmazonSellerApi } from '../../credentials/AmazonSellerApi.credentials';
import type { BudgetKey, RateBudget } from '../../nodes/AmazonSeller/transport/budget';
import { InProcessRateBudget, setRateBudget } from '../../nodes/AmazonSeller/transport/budget';
import { amazonSellerApiTest } from '../../nodes/AmazonSeller/methods/credentialTest';
import { SpApiClient } from '../../nodes/AmazonSeller/transport/client';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import { RateBudgetError, SpApiError, toNodeError } from '../../nodes/AmazonSeller/transport/errors';
import type { FeedRequest, FeedRun } from '../../nodes/AmazonSeller/transport/feeds';
import { runFeed } from '../../nodes/AmazonSeller/transport/feeds';
import { resetPacing } from '../../nodes/AmazonSeller/transport/pacing';
import { MAX_CACHED_CLIENTS, transportState } from '../../nodes/AmazonSeller/transport/state';
import { simulatorCredentials } from '../support/simulatorCredentials';

const node: INode = { id: '1', name: 'Amazon Seller', type: 'n8n-nodes-amazon-seller.amazonSeller', typeVersion: 1, position: [0, 0], parameters: {} };

let sim: Simulator;
let clock: VirtualClock;

beforeAll(async () => {
	clock = new VirtualClock(Date.UTC(2026, 5, 1, 12));
	setClock(clock);
	sim = await startSimulator({ clock, seed: 7 });
});
afterAll(async () => {
	await sim.close();
	setClock(systemClock);
});
beforeEach(() => {
	resetPacing();
	sim.faults.clear();
	sim.resetCalls();
	sim.setFeedTiming(undefined);
});

const testCredential = async (overrides = {}) =>
	await amazonSellerApiTest.call({} as ICredentialTestFunctions, {
		id: 'c1',
		name: 'Amazon',
		type: 'amazonSellerApi',
		data: { ...simulatorCredentials(sim, 'na'), ...overrides } as never,
	});

/** A fresh client per test, so token and budget state of one test do not help another. */
const freshClient = (overrides = {}) => SpApiClient.uncached(simulatorCredentials(sim, 'na', overrides));
const apiCalls = (operation: string) => sim.calls.filter((c) => c.operation === operation);

describe('credential test button', () => {
	it('connects and names the marketplaces the account sells in', async () => {
		const result = await testCredential();
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/Connected: 3 marketplace/);
		expect(result.message).toContain('(US)');
	});

	it('explains a revoked or foreign refresh token (invalid_grant)', async () => {
		const result = await testCredential({ refreshToken: 'Atzr|IwEBnot-a-token-this-app-issued-0000' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refresh token \(invalid_grant\)/);
		expect(result.message).toMatch(/Authorize the app again/);
	});

	it('explains a wrong client id or secret (invalid_client)', async () => {
		const result = await testCredential({ clientSecret: 'amzn1.oa2-cs.v1.wrongwrongwrong' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/client id or secret \(invalid_client\)/);
	});

	it('explains a region that does not match the account', async () => {
		const result = await testCredential({ region: 'eu' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/denied access on the Europe endpoint/);
		expect(result.message).toMatch(/Region matches/);
	});

	it('explains an unreachable endpoint', async () => {
		const result = await testCredential({ customEndpoint: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Could not reach/);
		expect(result.message).toContain('http://127.0.0.1:9');
	});

	it('rejects a malformed custom endpoint before any call', async () => {
		const result = await testCredential({ customEndpoint: 'ftp://example' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Custom Endpoint URL "ftp:\/\/example" is not an http\(s\) URL/);
		expect(sim.calls).toHaveLength(0);
	});
});

describe('bounded retry policy', () => {
	const someOrderId = () => sim.orders.all().find((o) => o.account === 'na')!.orderId;

	it('rides out a 429 storm, waiting as Amazon says between tries instead of looping', async () => {
		const client = freshClient();
		const orderId = someOrderId();
		sim.faults.add({ operation: 'getOrder', kind: '429', times: 3 });
		const started = clock.now();
		const { statusCode } = await client.call('getOrder', { path: { orderId } });
		expect(statusCode).toBe(200);
		const tries = apiCalls('getOrder');
		expect(tries.map((c) => c.status)).toEqual([429, 429, 429, 200]);
		// getOrder is 0.5/s: each retry waits at least the 2 s the rate header announces.
		for (let i = 1; i < tries.length; i++) expect(tries[i].at - tries[i - 1].at).toBeGreaterThanOrEqual(2000);
		expect(clock.now() - started).toBeLessThan(60_000);
	});

	it('gives up on an endless 429 storm after the attempt limit, with a clear error', async () => {
		const client = freshClient();
		sim.faults.add({ operation: 'getOrder', kind: '429' });
		const error = await client.call('getOrder', { path: { orderId: someOrderId() } }, { maxAttempts: 4 }).catch((e) => e);
		expect(error).toBeInstanceOf(RateBudgetError);
		expect(error.message).toMatch(/Amazon throttled getOrder/);
		expect(apiCalls('getOrder')).toHaveLength(4);
	});

	it('backs off exponentially on connection resets and then succeeds', async () => {
		const client = freshClient();
		sim.faults.add({ operation: 'getOrder', kind: 'reset', times: 2 });
		const { statusCode } = await client.call('getOrder', { path: { orderId: someOrderId() } });
		expect(statusCode).toBe(200);
		const tries = apiCalls('getOrder');
		expect(tries).toHaveLength(3);
		expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1000);
		expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(2000);
	});

	it('honours the total deadline on a failing service', async () => {
		const client = freshClient();
		sim.faults.add({ operation: 'getOrder', kind: '503' });
		const started = clock.now();
		const error = await client.call('getOrder', { path: { orderId: someOrderId() } }, { deadlineMs: 10_000, maxAttempts: 50 }).catch((e) => e);
		expect(error).toBeInstanceOf(SpApiError);
		expect(error.statusCode).toBe(503);
		expect(clock.now() - started).toBeLessThanOrEqual(10_000);
		expect(apiCalls('getOrder').length).toBeLessThan(6);
	});

	it('does not retry what Amazon rejects as invalid', async () => {
		const client = freshClient();
		const error = await client.call('getOrder', { path: { orderId: '000-0000000-0000000' } }).catch((e) => e);
		expect(error).toBeInstanceOf(SpApiError);
		expect(error.statusCode).toBe(404);
		expect(error.requestId).toBeTruthy();
		expect(apiCalls('getOrder')).toHaveLength(1);
	});

	it('refreshes an expired access token once and carries on', async () => {
		const client = freshClient();
		await client.call('getMarketplaceParticipations');
		sim.faults.add({ operation: 'getOrder', kind: 'expiredToken', times: 1 });
		const { statusCode } = await client.call('getOrder', { path: { orderId: someOrderId() } });
		expect(statusCode).toBe(200);
		expect(apiCalls('lwaToken')).toHaveLength(2);
	});

	it('reuses one access token across calls, and renews it before the hour is up', async () => {
		const client = freshClient();
		await client.call('getMarketplaceParticipations');
		await client.call('getOrder', { path: { orderId: someOrderId() } });
		expect(apiCalls('lwaToken')).toHaveLength(1);
		clock.advance(55 * 60_000);
		await client.call('getOrder', { path: { orderId: someOrderId() } });
		expect(apiCalls('lwaToken')).toHaveLength(2);
	});

	it('paces a burst of calls under the published limit: no 429 from Amazon', async () => {
		const client = freshClient();
		const orderId = someOrderId();
		clock.advance(120_000); // earlier tests spent Amazon's getOrder burst for this account; let it refill
		await Promise.all(Array.from({ length: 40 }, () => client.call('getOrder', { path: { orderId } })));
		const tries = apiCalls('getOrder');
		expect(tries).toHaveLength(40);
		expect(tries.filter((c) => c.status === 429)).toHaveLength(0);
	});
});

describe('rate budget behind an interface', () => {
	afterEach(() => setRateBudget(undefined));

	/** A budget that records what the client asks of it (a Redis-backed one would sit here in queue mode). */
	function recordingBudget(): RateBudget & { log: string[] } {
		const inner = new InProcessRateBudget();
		const log: string[] = [];
		const note = (what: string, key: BudgetKey, extra = '') => log.push(`${what} ${key.operation} ${key.rate}/${key.burst}${extra}`);
		return {
			log,
			acquire: async (key, maxWaitMs) => {
				note('acquire', key);
				await inner.acquire(key, maxWaitMs);
			},
			available: async (key) => {
				note('available', key);
				return await inner.available(key);
			},
			drain: async (key, rate) => {
				note('drain', key, ` rate ${rate}`);
				await inner.drain(key, rate);
			},
			waitMs: async (key) => {
				note('waitMs', key);
				return await inner.waitMs(key);
			},
		};
	}

	it('draws every call from the budget set with setRateBudget, and tells it about a 429', async () => {
		const budget = recordingBudget();
		setRateBudget(budget);
		const client = freshClient();
		sim.faults.add({ operation: 'getOrder', kind: '429', times: 1 });
		const orderId = sim.orders.all().find((o) => o.account === 'na')!.orderId;
		await client.call('getOrder', { path: { orderId } });
		expect(budget.log).toEqual(['acquire getOrder 0.5/30', 'drain getOrder 0.5/30 rate 0.5', 'waitMs getOrder 0.5/30', 'acquire getOrder 0.5/30']);
		expect(await client.available('getOrder')).toBe(0);
		expect(budget.log.at(-1)).toBe('available getOrder 0.5/30');
		// The synchronous view stays the in-process one (the trigger's, for now).
		expect(client.availableNow('getOrder')).toBe(30);
	});

	it('sends nothing when the budget refuses', async () => {
		setRateBudget({
			acquire: async (key) => {
				throw new RateBudgetError(key.operation, 90_000, false);
			},
			available: async () => 0,
			drain: async () => undefined,
			waitMs: async () => 90_000,
		});
		const error = await freshClient().call('getMarketplaceParticipations').catch((e) => e);
		expect(error).toBeInstanceOf(RateBudgetError);
		expect(sim.calls).toHaveLength(0);
	});
});

describe('LWA token requests: retried like any transient error, bounded', () => {
	it('rides out a 500 and then a reset: the first call of a new credential succeeds', async () => {
		sim.faults.add({ operation: 'lwaToken', kind: '500', times: 1 });
		sim.faults.add({ operation: 'lwaToken', kind: 'reset', times: 1 });
		const { statusCode } = await freshClient().call('getMarketplaceParticipations');
		expect(statusCode).toBe(200);
		const tries = apiCalls('lwaToken');
		expect(tries.map((c) => c.status)).toEqual([500, 0, 200]);
		// Backed off between tries: about 1 s, then about 2 s.
		expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1000);
		expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(2000);
		expect(apiCalls('getMarketplaceParticipations')).toHaveLength(1);
	});

	it('stops an endless 503 at the bound, with a clear error and no SP-API call', async () => {
		sim.faults.add({ operation: 'lwaToken', kind: '503' });
		const started = clock.now();
		const error = await freshClient().call('getMarketplaceParticipations').catch((e) => e);
		expect(error).toBeInstanceOf(SpApiError);
		expect(error.message).toBe('Login with Amazon is temporarily unavailable (server_error) (tried 4 times)');
		expect(error.hint).toMatch(/try again in a few minutes/);
		expect(apiCalls('lwaToken')).toHaveLength(4);
		expect(apiCalls('getMarketplaceParticipations')).toHaveLength(0);
		expect(clock.now() - started).toBeLessThan(60_000);
	});

	it('never retries a rejected refresh token or client secret', async () => {
		const account = sim.accounts.na;
		const grant = await freshClient({ refreshToken: `${account.refreshToken}x` }).call('getMarketplaceParticipations').catch((e) => e);
		expect(grant.code).toBe('invalid_grant');
		expect(apiCalls('lwaToken')).toHaveLength(1);
		sim.resetCalls();
		const client = await freshClient({ clientSecret: `${account.clientSecret}x` }).call('getMarketplaceParticipations').catch((e) => e);
		expect(client.code).toBe('invalid_client');
		expect(apiCalls('lwaToken')).toHaveLength(1);
	});

	it('makes one token request for many first calls at once', async () => {
		const client = freshClient();
		sim.faults.add({ operation: 'lwaToken', kind: '503', times: 1 });
		await Promise.all(Array.from({ length: 5 }, () => client.call('getMarketplaceParticipations')));
		expect(apiCalls('lwaToken').map((c) => c.status)).toEqual([503, 200]);
	});
});

describe('document transfers: retried, bounded, readable errors', () => {
	const newDocument = async (client: SpApiClient) =>
		(await client.call<{ feedDocumentId: string; url: string }>('createFeedDocument', { body: { contentType: 'text/plain; charset=UTF-8' } })).body;

	it('retries an upload that meets a 500, then succeeds', async () => {
		const client = freshClient();
		const document = await newDocument(client);
		sim.faults.add({ operation: 'upload', kind: '500', times: 1 });
		await client.upload(document.url, 'hello', 'text/plain; charset=UTF-8');
		const tries = apiCalls('upload');
		expect(tries.map((c) => c.status)).toEqual([500, 200]);
		expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1000);
	});

	it('retries a download whose connection is reset, then succeeds', async () => {
		const client = freshClient();
		const document = await newDocument(client);
		await client.upload(document.url, 'grüße, 5 €', 'text/plain; charset=UTF-8');
		const { body } = await client.call<{ url: string }>('getFeedDocument', { path: { feedDocumentId: document.feedDocumentId } });
		sim.faults.add({ operation: 'download', kind: 'reset', times: 1 });
		expect(await client.download(body.url)).toBe('grüße, 5 €');
		expect(apiCalls('download').map((c) => c.status)).toEqual([0, 200]);
	});

	it('gives up on an endless failure with an error that says what happened and how often it was tried', async () => {
		const client = freshClient();
		const document = await newDocument(client);
		sim.faults.add({ operation: ['upload', 'download'], kind: '500' });
		const upload = await client.upload(document.url, 'hello', 'text/plain; charset=UTF-8').catch((e) => e);
		expect(upload).toBeInstanceOf(SpApiError);
		expect(upload.message).toBe('Document upload failed: HTTP 500 from the upload URL (tried 4 times)');
		expect(upload.details).toBe("Amazon's document store said InternalError: We encountered an internal error. Please try again.");
		expect(apiCalls('upload')).toHaveLength(4);
		const nodeError = toNodeError(node, upload, 0);
		expect(`${nodeError.message} ${nodeError.description}`).not.toContain('[object Object]');
		expect(nodeError.message).toContain('Document upload failed: HTTP 500 from the upload URL (tried 4 times)');

		sim.faults.clear();
		sim.faults.add({ operation: 'download', kind: 'reset' });
		const { body } = await client.call<{ url: string }>('getFeedDocument', { path: { feedDocumentId: document.feedDocumentId } });
		const download = await client.download(body.url).catch((e) => e);
		expect(download.message).toBe('Document download failed: the connection failed (ECONNRESET) (tried 4 times)');
	});

	it('does not retry what retrying cannot fix (an expired upload URL)', async () => {
		const client = freshClient();
		const document = await newDocument(client);
		clock.advance(6 * 60_000); // pre-signed URLs live five minutes
		const error = await client.upload(document.url, 'hello', 'text/plain; charset=UTF-8').catch((e) => e);
		expect(error.message).toBe('Document upload failed: HTTP 403 from the upload URL');
		expect(error.details).toContain('Request has expired');
		expect(apiCalls('upload')).toHaveLength(1);
	});
});

describe('custom endpoint safety', () => {
	it('refuses plain http to another machine, naming the field, before any request', async () => {
		const result = await testCredential({ customEndpoint: 'http://192.0.2.10:4010' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Custom Endpoint URL: plain http is only allowed to this machine (loopback');
		expect(result.message).toContain('use https://192.0.2.10:4010');
		expect(() => SpApiClient.for(simulatorCredentials(sim, 'na', { customEndpoint: 'http://sp-proxy.example.com' }))).toThrow(/plain http is only allowed/);
		expect(sim.calls).toHaveLength(0);
	});

	it('accepts https to any host, and plain http to localhost, 127.0.0.0/8 and ::1', () => {
		for (const customEndpoint of ['https://sp-proxy.example.com', 'https://10.1.2.3:8443/', 'http://localhost:4010', 'http://127.0.0.1:4010', 'http://127.8.9.10', 'http://[::1]:4010']) {
			expect(() => SpApiClient.uncached(simulatorCredentials(sim, 'na', { customEndpoint }))).not.toThrow();
		}
	});

	it('refuses a URL with a path (it could not be honoured), and makes no request', async () => {
		const result = await testCredential({ customEndpoint: `${sim.url}/sp-api/v1` });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Custom Endpoint URL: the path "/sp-api/v1" cannot be honoured');
		expect(result.message).toContain(`give only scheme, host and port, e.g. ${sim.url}`);
		expect(sim.calls).toHaveLength(0);
		// A bare trailing slash is no path.
		expect((await testCredential({ customEndpoint: `${sim.url}/` })).status).toBe('OK');
	});

	it('warns in the credential that every secret goes to the custom endpoint', () => {
		const notice = new AmazonSellerApi().properties.find((p) => p.type === 'notice');
		expect(notice?.displayOptions).toEqual({ show: { environment: ['custom'] } });
		expect(notice?.displayName).toMatch(/client secret and refresh token/);
		expect(notice?.displayName).toMatch(/every access token/);
	});
});

describe('bounded client cache', () => {
	it(`keeps at most ${MAX_CACHED_CLIENTS} clients, dropping the least recently used`, () => {
		transportState.clients.clear();
		const credentials = (i: number) => simulatorCredentials(sim, 'na', { clientId: `amzn1.application-oa2-client.test${i}` });
		const first = SpApiClient.for(credentials(0));
		const second = SpApiClient.for(credentials(1));
		for (let i = 2; i < MAX_CACHED_CLIENTS; i++) SpApiClient.for(credentials(i));
		expect(transportState.clients.size).toBe(MAX_CACHED_CLIENTS);
		expect(SpApiClient.for(credentials(1))).toBe(second); // used again: now the most recent
		SpApiClient.for(credentials(MAX_CACHED_CLIENTS));
		expect(transportState.clients.size).toBe(MAX_CACHED_CLIENTS);
		expect(SpApiClient.for(credentials(1))).toBe(second);
		expect(SpApiClient.for(credentials(0))).not.toBe(first); // the idle one was dropped
		transportState.clients.clear();
	});
});

describe('no secret in any error or log', () => {
	it('keeps client secret, refresh token and access tokens out of errors, their causes and console output', async () => {
		const account = sim.accounts.na;
		const logged: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug', 'dir'] as const).map((method) =>
			jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				logged.push(args.map((a) => inspect(a, { depth: 10 })).join(' '));
			}),
		);
		const errors: unknown[] = [];
		try {
			const client = freshClient();
			await client.call('getMarketplaceParticipations');
			const accessToken = (client as unknown as { sp: { access_token: string } }).sp.access_token;
			expect(accessToken).toBeTruthy();

			for (const kind of ['500', 'reset', '429'] as const) {
				sim.faults.clear();
				sim.faults.add({ operation: 'getOrder', kind });
				errors.push(await client.call('getOrder', { path: { orderId: '113-0000000-0000000' } }, { maxAttempts: 2 }).catch((e) => e));
			}
			sim.faults.clear();
			errors.push(await client.call('getOrder', { path: { orderId: 'not-an-order' } }).catch((e) => e));
			errors.push(await freshClient({ region: 'eu' }).call('getMarketplaceParticipations').catch((e) => e));
			errors.push(await freshClient({ clientSecret: `${account.clientSecret}x` }).call('getMarketplaceParticipations').catch((e) => e));
			errors.push(await freshClient({ refreshToken: `${account.refreshToken}x` }).call('getMarketplaceParticipations').catch((e) => e));
			errors.push(await freshClient({ customEndpoint: 'http://127.0.0.1:9' }).call('getMarketplaceParticipations').catch((e) => e));
			errors.push(await Promise.resolve().then(() => freshClient({ customEndpoint: 'http://192.0.2.10:4010' })).catch((e) => e));

			// Token requests that keep failing, transfers that keep failing.
			for (const kind of ['503', 'reset'] as const) {
				sim.faults.clear();
				sim.faults.add({ operation: 'lwaToken', kind });
				errors.push(await freshClient().call('getMarketplaceParticipations').catch((e) => e));
			}
			sim.faults.clear();
			const document = (await client.call<{ feedDocumentId: string; url: string }>('createFeedDocument', { body: { contentType: 'text/plain' } })).body;
			sim.faults.add({ operation: 'upload', kind: '500' });
			errors.push(await client.upload(document.url, 'x', 'text/plain').catch((e) => e));
			sim.faults.clear();
			sim.faults.add({ operation: 'download', kind: 'reset' });
			errors.push(await client.download(document.url.replace('X-Amz-Signature=', 'X-Amz-Signature=0')).catch((e) => e));

			// Feeds whose outcome is unknown, or that never left.
			const feeds: FeedRun[] = [];
			sim.faults.clear();
			sim.setFeedTiming({ queuedMs: 0, processingMs: 3_000 });
			sim.faults.add({ operation: 'download', kind: 'reset' });
			feeds.push(await runFeed(client, leakFeed(), { waitMs: 60_000 }));
			sim.faults.clear();
			clock.advance(600_000);
			sim.faults.add({ operation: 'upload', kind: '500' });
			feeds.push(await runFeed(client, leakFeed(), { waitMs: 60_000 }));
			sim.faults.clear();
			clock.advance(600_000);
			sim.faults.add({ operation: 'lwaToken', kind: '503' });
			feeds.push(await runFeed(freshClient(), leakFeed(), { waitMs: 60_000 }));
			expect(feeds.map((f) => f.state)).toEqual(['unknown', 'notSent', 'notSent']);
			sim.faults.clear();
			const results = [
				await testCredential({ clientSecret: `${account.clientSecret}x` }),
				await testCredential({ refreshToken: `${account.refreshToken}x` }),
			];

			const secrets = [account.clientSecret, account.refreshToken, `${account.refreshToken}x`, accessToken];
			const texts = [
				...errors.flatMap((e) => {
					const nodeError = toNodeError(node, e, 0);
					return [inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e), (e as Error).stack ?? '', inspect(nodeError, { depth: 10 }), JSON.stringify(nodeError), nodeError.description ?? ''];
				}),
				...results.map((r) => JSON.stringify(r)),
				...feeds.map((f) => JSON.stringify({ ...f, results: [...f.results] }) + inspect(f.error, { depth: 10, showHidden: true })),
				...logged,
			];
			expect(errors.every((e) => e instanceof SpApiError)).toBe(true);
			for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
		} finally {
			spies.forEach((spy) => spy.mockRestore());
		}
	});
});

/** A small valid listings feed for the NA account (its outcome does not matter to the leak test). */
function leakFeed(): FeedRequest {
	const listing = sim.listings.all('na', 'ATVPDKIKX0DER').find((l) => l.channelCode === 'DEFAULT')!;
	const content = JSON.stringify({
		header: { sellerId: sim.accounts.na.sellerId, version: '2.0' },
		messages: [
			{
				messageId: 1,
				sku: listing.sku,
				operationType: 'PATCH',
				productType: listing.product.productType,
				patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }],
			},
		],
	});
	return { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], content, contentType: 'application/json; charset=UTF-8', messageIds: [1] };
}
