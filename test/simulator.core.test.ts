import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type Simulator } from '../simulator';
import { HOSTS, getToken, iso, rawRequest, sp } from './simulator.helpers';

describe('simulator core: LWA, routing, auth, rate limits, faults, call log', () => {
	let clock: VirtualClock;
	let sim: Simulator;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
	});
	afterEach(async () => {
		await sim.close();
	});

	test('LWA grants a bearer token for a refresh token (JSON and form bodies)', async () => {
		const a = sim.accounts.eu;
		const json = await rawRequest(sim, {
			host: HOSTS.lwa,
			method: 'POST',
			path: '/auth/o2/token',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: a.refreshToken, client_id: a.clientId, client_secret: a.clientSecret }),
		});
		expect(json.status).toBe(200);
		expect(json.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: a.refreshToken });
		expect(json.body.access_token).toMatch(/^Atza\|/);
		const form = await rawRequest(sim, {
			host: HOSTS.lwa,
			method: 'POST',
			path: '/auth/o2/token',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: a.refreshToken, client_id: a.clientId, client_secret: a.clientSecret }).toString(),
		});
		expect(form.status).toBe(200);
		expect(sim.calls.filter((c) => c.operation === 'lwaToken').map((c) => c.status)).toEqual([200, 200]);
	});

	test('LWA errors: invalid_grant for unknown or revoked refresh tokens, invalid_client for wrong secrets', async () => {
		const a = sim.accounts.na;
		const post = (body: Record<string, string>) =>
			rawRequest(sim, { host: HOSTS.lwa, method: 'POST', path: '/auth/o2/token', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const unknown = await post({ grant_type: 'refresh_token', refresh_token: 'Atzr|nope', client_id: a.clientId, client_secret: a.clientSecret });
		expect(unknown.status).toBe(400);
		expect(unknown.body.error).toBe('invalid_grant');
		expect(typeof unknown.body.error_description).toBe('string');
		const badSecret = await post({ grant_type: 'refresh_token', refresh_token: a.refreshToken, client_id: a.clientId, client_secret: 'wrong' });
		expect(badSecret.status).toBe(401);
		expect(badSecret.body.error).toBe('invalid_client');
		const badClient = await post({ grant_type: 'refresh_token', refresh_token: a.refreshToken, client_id: 'amzn1.application-oa2-client.x', client_secret: a.clientSecret });
		expect(badClient.status).toBe(401);
		sim.auth.revoke('na');
		const revoked = await post({ grant_type: 'refresh_token', refresh_token: a.refreshToken, client_id: a.clientId, client_secret: a.clientSecret });
		expect(revoked.status).toBe(400);
		expect(revoked.body.error).toBe('invalid_grant');
	});

	test('sellers: marketplace participations of the account, with request id and rate limit headers', async () => {
		const token = await getToken(sim, 'eu');
		const res = await sp(sim, token, '/sellers/v1/marketplaceParticipations', { host: HOSTS.eu });
		expect(res.status).toBe(200);
		expect(res.headers['x-amzn-requestid']).toBeTruthy();
		expect(res.headers['x-amzn-ratelimit-limit']).toBe('0.016');
		const ids = res.body.payload.map((p: any) => p.marketplace.id);
		expect(ids).toEqual(['A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS']);
		expect(res.body.payload[1]).toMatchObject({
			marketplace: { id: 'A1PA6795UKMFR9', name: 'Amazon.de', countryCode: 'DE', defaultCurrencyCode: 'EUR', defaultLanguageCode: 'de_DE', domainName: 'www.amazon.de' },
			participation: { isParticipating: true, hasSuspendedListings: false },
		});
		expect(sim.calls.at(-1)).toMatchObject({ operation: 'getMarketplaceParticipations', account: sim.accounts.eu.sellerId, status: 200, host: HOSTS.eu });
	});

	test('a token used on another region’s host is refused with 403 Unauthorized', async () => {
		const token = await getToken(sim, 'na');
		const res = await sp(sim, token, '/sellers/v1/marketplaceParticipations', { host: HOSTS.eu });
		expect(res.status).toBe(403);
		expect(res.body).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] });
	});

	test('missing, unknown and expired access tokens', async () => {
		const missing = await rawRequest(sim, { host: HOSTS.na, path: '/sellers/v1/marketplaceParticipations' });
		expect(missing.status).toBe(403);
		expect(missing.body.errors[0].code).toBe('Unauthorized');
		const unknown = await sp(sim, 'Atza|made-up', '/sellers/v1/marketplaceParticipations');
		expect(unknown.status).toBe(403);
		const token = await getToken(sim, 'na');
		clock.advance(3599_000);
		expect((await sp(sim, token, '/sellers/v1/marketplaceParticipations')).status).toBe(200);
		clock.advance(1000);
		const expired = await sp(sim, token, '/sellers/v1/marketplaceParticipations');
		expect(expired.status).toBe(403);
		expect(expired.body.errors[0]).toEqual({
			code: 'Unauthorized',
			message: 'Access to requested resource is denied.',
			details: 'The access token you provided has expired.',
		});
	});

	test('429 QuotaExceeded at burst + 1, recovery after 1/rate seconds of virtual time', async () => {
		const token = await getToken(sim, 'na');
		const q = { lastUpdatedAfter: iso(clock.now() - 86400_000) };
		for (let i = 0; i < 20; i++) {
			const ok = await sp(sim, token, '/orders/2026-01-01/orders', { query: q });
			expect(ok.status).toBe(200);
		}
		const throttled = await sp(sim, token, '/orders/2026-01-01/orders', { query: q });
		expect(throttled.status).toBe(429);
		expect(throttled.body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] });
		expect(throttled.headers['x-amzn-ratelimit-limit']).toBe('0.0056');
		clock.advance(Math.ceil(1000 / 0.0056) - 1000);
		expect((await sp(sim, token, '/orders/2026-01-01/orders', { query: q })).status).toBe(429);
		clock.advance(1000);
		expect((await sp(sim, token, '/orders/2026-01-01/orders', { query: q })).status).toBe(200);
		// Buckets are per seller: the EU seller still has its full burst.
		const eu = await getToken(sim, 'eu');
		expect((await sp(sim, eu, '/orders/2026-01-01/orders', { host: HOSTS.eu, query: q })).status).toBe(200);
	});

	test('faults: 503, reset, expiredToken and slow, each logged', async () => {
		const token = await getToken(sim, 'na');
		sim.faults.add({ operation: 'getMarketplaceParticipations', kind: '503', times: 1 });
		sim.faults.add({ operation: 'getMarketplaceParticipations', kind: 'reset', times: 1 });
		sim.faults.add({ operation: 'getMarketplaceParticipations', kind: 'expiredToken', times: 1 });
		sim.faults.add({ operation: 'getMarketplaceParticipations', kind: 'slow', delayMs: 30, times: 1 });
		const a = await sp(sim, token, '/sellers/v1/marketplaceParticipations');
		expect(a.status).toBe(503);
		await expect(sp(sim, token, '/sellers/v1/marketplaceParticipations')).rejects.toThrow();
		const c = await sp(sim, token, '/sellers/v1/marketplaceParticipations');
		expect(c.status).toBe(403);
		expect(c.body.errors[0].details).toMatch(/expired/);
		const started = Date.now();
		const d = await sp(sim, token, '/sellers/v1/marketplaceParticipations');
		expect(d.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
		expect((await sp(sim, token, '/sellers/v1/marketplaceParticipations')).status).toBe(200);
		const log = sim.calls.filter((x) => x.operation === 'getMarketplaceParticipations');
		expect(log.map((x) => [x.status, x.fault])).toEqual([
			[503, '503'],
			[0, 'reset'],
			[403, 'expiredToken'],
			[200, 'slow'],
			[200, undefined],
		]);
		sim.faults.clear();
	});

	test('seeded faults with a probability repeat run to run', async () => {
		const pattern = async (seed: number) => {
			const s = await startSimulator({ clock: new VirtualClock(), seed });
			try {
				const token = await getToken(s, 'na');
				s.faults.add({ operation: 'getMarketplaceParticipations', kind: '500', probability: 0.5 });
				const out: number[] = [];
				for (let i = 0; i < 12; i++) out.push((await sp(s, token, '/sellers/v1/marketplaceParticipations')).status);
				return out;
			} finally {
				await s.close();
			}
		};
		const a = await pattern(7);
		expect(await pattern(7)).toEqual(a);
		expect(a).toContain(500);
		expect(a).toContain(200);
	});

	test('call log parses comma lists; resetCalls clears it; /__sim/state summarises', async () => {
		const token = await getToken(sim, 'na');
		await sp(sim, token, '/orders/2026-01-01/orders', {
			query: { lastUpdatedAfter: iso(clock.now() - 3600_000), marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'], includedData: ['BUYER'] },
		});
		const call = sim.calls.at(-1)!;
		expect(call.query.marketplaceIds).toEqual(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']);
		expect(call.query.includedData).toEqual(['BUYER']);
		expect(call.at).toBe(clock.now());
		sim.resetCalls();
		expect(sim.calls).toHaveLength(0);
		const state = await rawRequest(sim, { host: HOSTS.na, path: '/__sim/state' });
		expect(state.status).toBe(200);
		expect(state.body.orders.total).toBeGreaterThan(0);
	});

	test('unknown SP-API paths get 404 without crashing', async () => {
		const token = await getToken(sim, 'na');
		const res = await sp(sim, token, '/nope/v1/x');
		expect(res.status).toBe(404);
		expect(res.body.errors[0].code).toBe('NotFound');
	});
});
