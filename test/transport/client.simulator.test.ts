import { inspect } from 'util';
import type { ICredentialTestFunctions, INode } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../../simulator';
import { amazonSellerApiTest } from '../../nodes/AmazonSeller/methods/credentialTest';
import { SpApiClient } from '../../nodes/AmazonSeller/transport/client';
import { setClock, systemClock, VirtualClock } from '../../nodes/AmazonSeller/transport/clock';
import { RateBudgetError, SpApiError, toNodeError } from '../../nodes/AmazonSeller/transport/errors';
import { resetPacing } from '../../nodes/AmazonSeller/transport/pacing';
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
				...logged,
			];
			expect(errors.every((e) => e instanceof SpApiError)).toBe(true);
			for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
		} finally {
			spies.forEach((spy) => spy.mockRestore());
		}
	});
});
