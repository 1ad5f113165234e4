import * as zlib from 'zlib';
import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type Simulator } from '../simulator';
import { getToken, iso, rawRequest, sp } from './simulator.helpers';

const US = 'ATVPDKIKX0DER';

describe('simulator: listings, feeds, FBA inventory, reports', () => {
	let clock: VirtualClock;
	let sim: Simulator;
	let token: string;
	let seller: string;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
		token = await getToken(sim, 'na');
		seller = sim.accounts.na.sellerId;
	});
	afterEach(async () => {
		await sim.close();
	});

	const fbm = () => sim.listings.all('na', US).find((l) => l.product.channel === 'FBM' && l.quantity > 0)!;
	const fba = () => sim.listings.all('na', US).find((l) => l.product.channel === 'FBA')!;

	/** PUT/GET on a pre-signed document URL, through the simulator with the URL's Host. */
	const docRequest = (url: string, method: 'PUT' | 'GET', body?: string, contentType?: string) => {
		const u = new URL(url);
		return rawRequest(sim, { host: u.host, method, path: u.pathname + u.search, body, headers: contentType ? { 'content-type': contentType } : {} });
	};

	test('getListingsItem and searchListingsItems by SKU', async () => {
		const l = fbm();
		const get = await sp(sim, token, `/listings/2021-08-01/items/${seller}/${encodeURIComponent(l.sku)}`, {
			query: { marketplaceIds: US, includedData: ['summaries', 'attributes', 'fulfillmentAvailability', 'issues'] },
		});
		expect(get.status).toBe(200);
		expect(get.body.sku).toBe(l.sku);
		expect(get.body.summaries[0]).toMatchObject({ marketplaceId: US, productType: l.product.productType, asin: l.product.asin });
		expect(get.body.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: l.quantity }]);
		const f = fba();
		const getFba = await sp(sim, token, `/listings/2021-08-01/items/${seller}/${f.sku}`, { query: { marketplaceIds: US, includedData: 'fulfillmentAvailability' } });
		expect(getFba.body.fulfillmentAvailability[0].fulfillmentChannelCode).toBe('AMAZON_NA');
		expect((await sp(sim, token, `/listings/2021-08-01/items/${seller}/NO-SUCH-SKU`, { query: { marketplaceIds: US } })).status).toBe(404);
		expect((await sp(sim, token, `/listings/2021-08-01/items/${seller}/${l.sku}`)).status).toBe(400);
		expect((await sp(sim, token, `/listings/2021-08-01/items/AOTHERSELLER1/${l.sku}`, { query: { marketplaceIds: US } })).status).toBe(403);
		const search = await sp(sim, token, `/listings/2021-08-01/items/${seller}`, {
			query: { marketplaceIds: US, identifiers: [l.sku, f.sku, 'NOPE'], identifiersType: 'SKU', includedData: ['summaries', 'fulfillmentAvailability'] },
		});
		expect(search.status).toBe(200);
		expect(search.body.numberOfResults).toBe(2);
		expect(search.body.items.map((i: any) => i.sku).sort()).toEqual([l.sku, f.sku].sort());
		expect((await sp(sim, token, `/listings/2021-08-01/items/${seller}`, { query: { marketplaceIds: US, identifiers: l.sku } })).status).toBe(400);
		const paged = await sp(sim, token, `/listings/2021-08-01/items/${seller}`, { query: { marketplaceIds: US, pageSize: 20 } });
		expect(paged.body.items).toHaveLength(20);
		expect(paged.body.pagination.nextToken).toBeTruthy();
		expect((await sp(sim, token, `/listings/2021-08-01/items/${seller}`, { query: { marketplaceIds: US, pageSize: 21 } })).status).toBe(400);
	});

	test('patchListingsItem: ACCEPTED and applied shortly after; INVALID for unknown SKU, wrong product type, FBA quantity', async () => {
		const l = fbm();
		const patch = (sku: string, productType: string, value: unknown[]) =>
			sp(sim, token, `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}`, {
				method: 'PATCH',
				query: { marketplaceIds: US },
				body: { productType, patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value }] },
			});
		const ok = await patch(l.sku, l.product.productType, [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }]);
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ sku: l.sku, status: 'ACCEPTED', issues: [] });
		expect(typeof ok.body.submissionId).toBe('string');
		expect(sim.state.quantities[seller][US][l.sku]).toBe(7);
		clock.advance(31_000);
		expect(sim.listings.quantity('na', US, l.sku)).toBe(7);
		const unknown = await patch('NO-SUCH-SKU', 'HOME', [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }]);
		expect(unknown.body.status).toBe('INVALID');
		expect(unknown.body.issues[0].severity).toBe('ERROR');
		const wrongType = await patch(l.sku, 'LUGGAGE', [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }]);
		expect(wrongType.body.status).toBe('INVALID');
		const negative = await patch(l.sku, l.product.productType, [{ fulfillment_channel_code: 'DEFAULT', quantity: -1 }]);
		expect(negative.body.status).toBe('INVALID');
		const f = fba();
		const fbaQty = await patch(f.sku, f.product.productType, [{ fulfillment_channel_code: 'AMAZON_NA', quantity: 3 }]);
		expect(fbaQty.body.status).toBe('INVALID');
		const noType = await sp(sim, token, `/listings/2021-08-01/items/${seller}/${l.sku}`, {
			method: 'PATCH',
			query: { marketplaceIds: US },
			body: { patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }] },
		});
		expect(noType.status).toBe(400);
		expect(noType.body.errors[0].message).toMatch(/productType/);
		expect(sim.state.channelSwitches).toHaveLength(0);
	});

	test('JSON_LISTINGS_FEED lifecycle: document, upload, feed, processing, report', async () => {
		const l = fbm();
		const created = await sp(sim, token, '/feeds/2021-06-30/documents', { method: 'POST', body: { contentType: 'application/json; charset=UTF-8' } });
		expect(created.status).toBe(201);
		const { feedDocumentId, url } = created.body;
		expect(new URL(url).host).toBe('tortuga-prod-na.s3-external-1.amazonaws.com');
		const feedDoc = {
			header: { sellerId: seller, version: '2.0', issueLocale: 'en_US' },
			messages: [
				{ messageId: 1, sku: l.sku, operationType: 'PATCH', productType: l.product.productType, patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 42 }] }] },
				{ messageId: 2, sku: 'NO-SUCH-SKU', operationType: 'PATCH', productType: 'HOME', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }] },
			],
		};
		const wrongType = await docRequest(url, 'PUT', JSON.stringify(feedDoc), 'text/xml');
		expect(wrongType.status).toBe(403);
		const up = await docRequest(url, 'PUT', JSON.stringify(feedDoc), 'application/json; charset=UTF-8');
		expect(up.status).toBe(200);
		const feed = await sp(sim, token, '/feeds/2021-06-30/feeds', { method: 'POST', body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: feedDocumentId } });
		expect(feed.status).toBe(202);
		const feedId = feed.body.feedId;
		const status = async () => (await sp(sim, token, `/feeds/2021-06-30/feeds/${feedId}`)).body;
		expect((await status()).processingStatus).toBe('IN_QUEUE');
		clock.advance(60_000);
		expect((await status()).processingStatus).toBe('IN_PROGRESS');
		clock.advance(3 * 60_000);
		const done = await status();
		expect(done.processingStatus).toBe('DONE');
		expect(done.resultFeedDocumentId).toBeTruthy();
		expect(sim.listings.quantity('na', US, l.sku)).toBe(42);
		expect(sim.state.quantityUpdates.at(-1)).toMatchObject({ sku: l.sku, quantity: 42, via: 'JSON_LISTINGS_FEED' });
		const resultDoc = await sp(sim, token, `/feeds/2021-06-30/documents/${done.resultFeedDocumentId}`);
		expect(resultDoc.status).toBe(200);
		const report = await docRequest(resultDoc.body.url, 'GET');
		expect(report.status).toBe(200);
		expect(report.body.header).toEqual({ sellerId: seller, version: '2.0', feedId });
		expect(report.body.summary).toEqual({ errors: 1, warnings: 0, messagesProcessed: 2, messagesAccepted: 1, messagesInvalid: 1 });
		expect(report.body.issues[0]).toMatchObject({ messageId: 2, severity: 'ERROR' });
		// Pre-signed URLs live five minutes.
		clock.advance(6 * 60_000);
		const stale = await docRequest(resultDoc.body.url, 'GET');
		expect(stale.status).toBe(403);
		expect(stale.text).toMatch(/<Code>AccessDenied<\/Code>/);
	});

	test('a JSON_LISTINGS_FEED that breaks the schema ends FATAL', async () => {
		const created = await sp(sim, token, '/feeds/2021-06-30/documents', { method: 'POST', body: { contentType: 'application/json' } });
		const bad = { header: { sellerId: seller, version: '2.0' }, messages: [{ messageId: 1, sku: 'X', operationType: 'PATCH', productType: 'HOME' }] };
		await docRequest(created.body.url, 'PUT', JSON.stringify(bad), 'application/json');
		const feed = await sp(sim, token, '/feeds/2021-06-30/feeds', { method: 'POST', body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: created.body.feedDocumentId } });
		clock.advance(5 * 60_000);
		const done = (await sp(sim, token, `/feeds/2021-06-30/feeds/${feed.body.feedId}`)).body;
		expect(done.processingStatus).toBe('FATAL');
		expect(await sp(sim, token, '/feeds/2021-06-30/feeds', { method: 'POST', body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [] , inputFeedDocumentId: 'x' } })).toMatchObject({ status: 400 });
	});

	test('POST_ORDER_ACKNOWLEDGEMENT_DATA cancels unshipped FBM orders and reports per-message errors', async () => {
		const order = sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', itemCount: 2, createdAt: clock.now() - 3600_000 });
		const partial = sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', itemCount: 2, createdAt: clock.now() - 3600_000 });
		const afn = sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'AMAZON', status: 'UNSHIPPED', createdAt: clock.now() - 3600_000 });
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
  <Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${seller}</MerchantIdentifier></Header>
  <MessageType>OrderAcknowledgement</MessageType>
  <Message><MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>${order.orderId}</AmazonOrderID><StatusCode>Failure</StatusCode>
    ${order.items.map((i) => `<Item><AmazonOrderItemCode>${i.orderItemId}</AmazonOrderItemCode><CancelReason>NoInventory</CancelReason></Item>`).join('')}
  </OrderAcknowledgement></Message>
  <Message><MessageID>2</MessageID><OrderAcknowledgement><AmazonOrderID>${partial.orderId}</AmazonOrderID><StatusCode>Failure</StatusCode>
    <Item><AmazonOrderItemCode>${partial.items[1].orderItemId}</AmazonOrderItemCode><CancelReason>BuyerCanceled</CancelReason></Item>
  </OrderAcknowledgement></Message>
  <Message><MessageID>3</MessageID><OrderAcknowledgement><AmazonOrderID>${afn.orderId}</AmazonOrderID><StatusCode>Failure</StatusCode></OrderAcknowledgement></Message>
  <Message><MessageID>4</MessageID><OrderAcknowledgement><AmazonOrderID>111-0000000-0000000</AmazonOrderID><StatusCode>Failure</StatusCode></OrderAcknowledgement></Message>
</AmazonEnvelope>`;
		const created = await sp(sim, token, '/feeds/2021-06-30/documents', { method: 'POST', body: { contentType: 'text/xml; charset=UTF-8' } });
		expect((await docRequest(created.body.url, 'PUT', xml, 'text/xml; charset=UTF-8')).status).toBe(200);
		const feed = await sp(sim, token, '/feeds/2021-06-30/feeds', {
			method: 'POST',
			body: { feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA', marketplaceIds: [US], inputFeedDocumentId: created.body.feedDocumentId },
		});
		expect(feed.status).toBe(202);
		clock.advance(4 * 60_000);
		const done = (await sp(sim, token, `/feeds/2021-06-30/feeds/${feed.body.feedId}`)).body;
		expect(done.processingStatus).toBe('DONE');
		expect(sim.orders.record(order.orderId)!.status).toBe('CANCELLED');
		expect(Math.floor(sim.orders.record(order.orderId)!.lastUpdatedTime / 1000) * 1000).toBe(Date.parse(done.processingEndTime));
		const p = sim.orders.record(partial.orderId)!;
		expect(p.status).toBe('UNSHIPPED');
		expect(p.items[1].cancelled).toBe(true);
		expect(p.items[0].cancelled).toBe(false);
		expect(sim.orders.record(afn.orderId)!.status).toBe('UNSHIPPED');
		const view: any = sim.orders.get(order.orderId);
		expect(view.orderItems[0].cancellation.cancellationExecution).toEqual({ cancelledBy: 'MERCHANT', cancelReason: 'NoInventory' });
		const doc = await sp(sim, token, `/feeds/2021-06-30/documents/${done.resultFeedDocumentId}`);
		const report = await docRequest(doc.body.url, 'GET');
		expect(report.headers['content-type']).toMatch(/xml/);
		expect(report.text).toMatch(/<MessagesProcessed>4<\/MessagesProcessed>/);
		expect(report.text).toMatch(/<MessagesSuccessful>2<\/MessagesSuccessful>/);
		expect(report.text).toMatch(/<MessagesWithError>2<\/MessagesWithError>/);
		expect(report.text).toMatch(new RegExp(`<AmazonOrderID>${afn.orderId}</AmazonOrderID>`));
		expect(sim.state.cancellations.map((c) => c.orderId)).toEqual([order.orderId, partial.orderId]);
	});

	test('getInventorySummaries with details and a SKU filter (burst 2)', async () => {
		const q = { granularityType: 'Marketplace', granularityId: US, marketplaceIds: US, details: 'true' };
		const r = await sp(sim, token, '/fba/inventory/v1/summaries', { query: q });
		expect(r.status).toBe(200);
		expect(r.body.payload.granularity).toEqual({ granularityType: 'Marketplace', granularityId: US });
		const s = r.body.payload.inventorySummaries;
		expect(s.length).toBeGreaterThan(0);
		for (const x of s) {
			const d = x.inventoryDetails;
			expect(d.reservedQuantity.totalReservedQuantity).toBe(
				d.reservedQuantity.pendingCustomerOrderQuantity + d.reservedQuantity.pendingTransshipmentQuantity + d.reservedQuantity.fcProcessingQuantity,
			);
		}
		const one = await sp(sim, token, '/fba/inventory/v1/summaries', { query: { ...q, sellerSkus: [s[0].sellerSku] } });
		expect((await sp(sim, token, '/fba/inventory/v1/summaries', { query: q })).status).toBe(429);
		clock.advance(1000);
		expect(one.body.payload.inventorySummaries).toHaveLength(1);
		expect((await sp(sim, token, '/fba/inventory/v1/summaries', { query: { ...q, granularityId: 'A2EUQ1WTGCTBG2' } })).status).toBe(400);
		const m = sim.models!;
		expect(m.validateResponse(m.operation('GET', '/fba/inventory/v1/summaries')!, 200, r.body)).toBeUndefined();
	});

	test('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL: processing, gzip document, Amazon columns', async () => {
		const start = iso(clock.now() - 2 * 86400_000);
		const created = await sp(sim, token, '/reports/2021-06-30/reports', {
			method: 'POST',
			body: { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', marketplaceIds: [US], dataStartTime: start },
		});
		expect(created.status).toBe(202);
		const get = async () => (await sp(sim, token, `/reports/2021-06-30/reports/${created.body.reportId}`)).body;
		expect((await get()).processingStatus).toBe('IN_QUEUE');
		clock.advance(5 * 60_000);
		const done = await get();
		expect(done.processingStatus).toBe('DONE');
		const doc = await sp(sim, token, `/reports/2021-06-30/documents/${done.reportDocumentId}`);
		expect(doc.body.compressionAlgorithm).toBe('GZIP');
		const u = new URL(doc.body.url);
		const file = await new Promise<Buffer>((resolve, reject) => {
			// eslint-disable-next-line @typescript-eslint/no-var-requires
			const http = require('http') as typeof import('http');
			const s = new URL(sim.url);
			http.get({ host: s.hostname, port: s.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve(Buffer.concat(chunks)));
			}).on('error', reject);
		});
		const text = zlib.gunzipSync(file).toString('latin1');
		const [header, ...rows] = text.trim().split('\n');
		expect(header.split('\t').slice(0, 6)).toEqual(['amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel']);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows[0].split('\t')).toHaveLength(header.split('\t').length);
		expect((await sp(sim, token, '/reports/2021-06-30/reports', { method: 'POST', body: { reportType: 'GET_NOTHING', marketplaceIds: [US] } })).status).toBe(400);
	});
});

describe('simulator: usage plans', () => {
	test('the built-in table equals the official models', async () => {
		const { BUILTIN_USAGE_PLANS } = await import('../simulator/rateLimits');
		const { Models } = await import('../simulator/models');
		const models = Models.load()!;
		const sim = await startSimulator({ seedOrders: 0 });
		try {
			const fromModels: Record<string, unknown> = {};
			for (const op of models.operations.values()) {
				if (op.operationId in BUILTIN_USAGE_PLANS && op.plan) {
					// getOrder exists in v0 and 2026-01-01 with the same plan; the simulator serves 2026-01-01.
					if (op.operationId === 'getOrder' && op.file !== 'orders_2026-01-01.json') continue;
					fromModels[op.operationId] = op.plan;
				}
			}
			expect(fromModels).toEqual(BUILTIN_USAGE_PLANS);
			expect(sim.usagePlans).toEqual(BUILTIN_USAGE_PLANS);
		} finally {
			await sim.close();
		}
	});
});
