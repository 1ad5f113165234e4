/**
 * The contract with the package's transport: amazon-sp-api talks to https://<amazon host>:443, and
 * an https.Agent whose createConnection dials the simulator over plain TCP carries the request.
 */
import * as https from 'https';
import * as net from 'net';
import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type Simulator } from '../simulator';
import { iso } from './simulator.helpers';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { SellingPartner } = require('amazon-sp-api');

class SimAgent extends https.Agent {
	constructor(private port: number) {
		super({ keepAlive: false });
	}
	createConnection(): net.Socket {
		return net.connect(this.port, '127.0.0.1');
	}
}

describe('simulator through amazon-sp-api', () => {
	let clock: VirtualClock;
	let sim: Simulator;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
	});
	afterEach(async () => {
		await sim.close();
	});

	const client = (account: 'na' | 'eu' | 'fe') => {
		const a = sim.accounts[account];
		return new SellingPartner({
			region: account,
			refresh_token: a.refreshToken,
			credentials: { SELLING_PARTNER_APP_CLIENT_ID: a.clientId, SELLING_PARTNER_APP_CLIENT_SECRET: a.clientSecret },
			options: { auto_request_tokens: true, auto_request_throttled: false, https_proxy_agent: new SimAgent(sim.port) },
		});
	};

	test('token, searchOrders with includedData, getOrder, confirmShipment, feed upload and download', async () => {
		const sp = client('eu');
		const participations = await sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' });
		expect(participations).toHaveLength(5);
		const res = await sp.callAPI({
			operation: 'searchOrders',
			endpoint: 'orders',
			query: { lastUpdatedAfter: iso(clock.now() - 4 * 86400_000), marketplaceIds: ['A1PA6795UKMFR9', 'A1F83G8C2ARO7P'], includedData: ['BUYER', 'FULFILLMENT', 'PROCEEDS'] },
			options: { version: '2026-01-01' },
		});
		expect(res.orders.length).toBeGreaterThan(0);
		expect(res.orders[0].fulfillment).toBeDefined();
		expect(sim.calls.find((c) => c.operation === 'searchOrders')!.query.marketplaceIds).toEqual(['A1PA6795UKMFR9', 'A1F83G8C2ARO7P']);
		const unshipped = sim.orders.all().find((o) => o.account === 'eu' && o.fulfilledBy === 'MERCHANT' && o.status === 'UNSHIPPED')!;
		const got = await sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: unshipped.orderId }, query: { includedData: ['FULFILLMENT'] }, options: { version: '2026-01-01' } });
		expect(got.order.orderId).toBe(unshipped.orderId);
		const confirmed = await sp.callAPI({
			operation: 'confirmShipment',
			endpoint: 'orders',
			path: { orderId: unshipped.orderId },
			body: {
				marketplaceId: unshipped.marketplaceId,
				packageDetail: {
					packageReferenceId: 'P1',
					carrierCode: 'DHL',
					trackingNumber: '00340434161094042557',
					shipDate: iso(clock.now() - 60_000),
					orderItems: unshipped.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
				},
			},
			options: { version: 'v0' },
		});
		expect(confirmed).toEqual({ success: true });
		expect(sim.orders.record(unshipped.orderId)!.status).toBe('SHIPPED');

		const doc = await sp.callAPI({ operation: 'createFeedDocument', endpoint: 'feeds', body: { contentType: 'text/xml; charset=UTF-8' } });
		await sp.upload(doc, { content: '<AmazonEnvelope/>', contentType: 'text/xml; charset=UTF-8' });
		const feedDoc = await sp.callAPI({ operation: 'getFeedDocument', endpoint: 'feeds', path: { feedDocumentId: doc.feedDocumentId } });
		const back = await sp.download(feedDoc);
		expect(back).toBe('<AmazonEnvelope/>');
		expect(sim.validationErrors).toEqual([]);
	});

	test('the library recognises the simulator’s expired-token and throttling errors', async () => {
		const sp = client('na');
		await sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' });
		clock.advance(3601_000);
		// auto_request_tokens: the library refreshes on "access token ... expired" and retries.
		await sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' });
		expect(sim.calls.filter((c) => c.operation === 'lwaToken')).toHaveLength(2);
		sim.faults.add({ operation: 'getMarketplaceParticipations', kind: '429', times: 1 });
		await expect(sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' })).rejects.toMatchObject({ code: 'QuotaExceeded' });
	});
});
