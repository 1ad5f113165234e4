/**
 * Feeds 2021-06-30: documents, feeds and their processing. A feed waits IN_QUEUE, runs IN_PROGRESS
 * and finishes DONE (or FATAL) one to three simulated minutes after createFeed (or as
 * Simulator.setFeedTiming says); its effects and its processing report appear at that moment. Two feed types are understood:
 *
 *  - JSON_LISTINGS_FEED: checked against listings-feed-schema-v2.json; fulfillment_availability
 *    changes are applied per message; report `{header, issues, summary}`.
 *  - POST_ORDER_ACKNOWLEDGEMENT_DATA: XML OrderAcknowledgement messages; StatusCode Failure cancels
 *    the order (or the listed items) if it is an unshipped merchant-fulfilled order; XML
 *    ProcessingReport with one Result per message that failed.
 */
import type { SimContext } from '../context';
import type { AccountKey } from '../data/accounts';
import {
	applyQuantity,
	invalidValue,
	missing,
	notFoundIssue,
	planFulfillmentAvailability,
	productTypeIssue,
	recordQuantity,
	type ListingIssue,
	type PlannedQuantity,
} from '../data/listingOps';
import { MARKETPLACES, type Region } from '../data/marketplaces';
import { iso } from '../data/orderViews';
import { child, children, escapeXml, parseXml, XmlError, type XmlNode } from '../data/xml';
import type { SimDocument } from '../data/documents';
import { apiError, type ApiResult, type Route, type RouteContext } from '../server';

export const SUPPORTED_FEED_TYPES = ['JSON_LISTINGS_FEED', 'POST_ORDER_ACKNOWLEDGEMENT_DATA'];

export interface SimFeed {
	feedId: string;
	sellerId: string;
	account: AccountKey;
	region: Region;
	feedType: string;
	marketplaceIds: string[];
	inputFeedDocumentId: string;
	createdTime: number;
	processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
	processingStartTime?: number;
	processingEndTime?: number;
	resultFeedDocumentId?: string;
}

/** Amazon's cancel reasons for order acknowledgements (OrderAcknowledgement.xsd). */
export const CANCEL_REASONS = [
	'NoInventory',
	'ShippingAddressUndeliverable',
	'CustomerExchange',
	'BuyerCanceled',
	'GeneralAdjustment',
	'CarrierCreditDecision',
	'RiskAssessmentInformationNotValid',
	'CarrierCoverageFailure',
	'CustomerReturn',
	'MerchandiseNotReceived',
	'CannotVerifyInformation',
	'PricingError',
	'RejectOrder',
	'WeatherDelay',
];

function renderFeed(f: SimFeed): Record<string, unknown> {
	const out: Record<string, unknown> = {
		feedId: f.feedId,
		feedType: f.feedType,
		marketplaceIds: f.marketplaceIds,
		createdTime: iso(f.createdTime),
		processingStatus: f.processingStatus,
	};
	if (f.processingStartTime !== undefined) out.processingStartTime = iso(f.processingStartTime);
	if (f.processingEndTime !== undefined) out.processingEndTime = iso(f.processingEndTime);
	if (f.resultFeedDocumentId) out.resultFeedDocumentId = f.resultFeedDocumentId;
	return out;
}

function docPrefix(region: Region): string {
	return `amzn1.tortuga.4.${region}`;
}

function createFeedDocument(ctx: RouteContext): ApiResult {
	const contentType = ctx.body?.contentType;
	if (typeof contentType !== 'string' || !contentType.trim()) return ctx.invalid("Invalid body: missing required field 'contentType'.");
	const doc = ctx.sim.documents.create(
		{ region: ctx.region, sellerId: ctx.account.sellerId, kind: 'feed', contentType, createdAt: ctx.now },
		docPrefix(ctx.region),
	);
	return { status: 201, body: { feedDocumentId: doc.id, url: ctx.sim.documents.sign(doc, 'PUT', ctx.now) } };
}

function createFeed(ctx: RouteContext): ApiResult {
	const { sim, account, now, body } = ctx;
	if (!body || typeof body !== 'object') return ctx.invalid('The request body must be a CreateFeedSpecification.');
	const { feedType, marketplaceIds, inputFeedDocumentId } = body;
	if (typeof feedType !== 'string' || !feedType) return ctx.invalid("Invalid body: missing required field 'feedType'.");
	if (!Array.isArray(marketplaceIds) || !marketplaceIds.length || marketplaceIds.length > 25) {
		return ctx.invalid("Invalid body: field 'marketplaceIds' must list 1 to 25 marketplaces.");
	}
	for (const id of marketplaceIds) {
		if (typeof id !== 'string' || !MARKETPLACES[id] || !account.marketplaceIds.includes(id)) {
			return ctx.invalid(`Invalid body: '${id}' is not a marketplace of this seller.`);
		}
	}
	if (typeof inputFeedDocumentId !== 'string') return ctx.invalid("Invalid body: missing required field 'inputFeedDocumentId'.");
	const doc = sim.documents.docs.get(inputFeedDocumentId);
	if (!doc || doc.sellerId !== account.sellerId || doc.kind !== 'feed') {
		return ctx.invalid(`Invalid inputFeedDocumentId '${inputFeedDocumentId}'.`);
	}
	if (!SUPPORTED_FEED_TYPES.includes(feedType)) {
		return ctx.invalid(`Invalid feedType '${feedType}' (the simulator supports ${SUPPORTED_FEED_TYPES.join(', ')}).`);
	}
	const feedId = String(50_000_000_000 + Math.floor(sim.rng.next() * 9_000_000_000));
	const feed: SimFeed = {
		feedId,
		sellerId: account.sellerId,
		account: account.key,
		region: ctx.region,
		feedType,
		marketplaceIds,
		inputFeedDocumentId,
		createdTime: now,
		processingStatus: 'IN_QUEUE',
	};
	sim.feeds.set(feedId, feed);
	const startAfter = sim.feedTiming?.queuedMs ?? 15_000 + Math.floor(sim.rng.next() * 45_000);
	const runFor = sim.feedTiming?.processingMs ?? 45_000 + Math.floor(sim.rng.next() * 90_000);
	sim.scheduler.at(now + startAfter, (t) => {
		feed.processingStatus = 'IN_PROGRESS';
		feed.processingStartTime = t;
	});
	sim.scheduler.at(now + startAfter + runFor, (t) => processFeed(sim, feed, t));
	return { status: 202, body: { feedId } };
}

function getFeed(ctx: RouteContext): ApiResult {
	const feed = ctx.sim.feeds.get(ctx.params.feedId) as SimFeed | undefined;
	if (!feed || feed.sellerId !== ctx.account.sellerId) return apiError(404, 'NotFound', `Feed ${ctx.params.feedId} was not found.`);
	return { status: 200, body: renderFeed(feed) };
}

function getFeedDocument(ctx: RouteContext): ApiResult {
	const doc = ctx.sim.documents.docs.get(ctx.params.feedDocumentId);
	if (!doc || doc.sellerId !== ctx.account.sellerId || doc.kind === 'report') {
		return apiError(404, 'NotFound', `Feed document ${ctx.params.feedDocumentId} was not found.`);
	}
	const out: Record<string, unknown> = { feedDocumentId: doc.id, url: ctx.sim.documents.sign(doc, 'GET', ctx.now) };
	if (doc.compression) out.compressionAlgorithm = doc.compression;
	return { status: 200, body: out };
}

function finish(sim: SimContext, feed: SimFeed, at: number, status: 'DONE' | 'FATAL', report: string, contentType: string): void {
	const doc: SimDocument = sim.documents.create(
		{ region: feed.region, sellerId: feed.sellerId, kind: 'feedResult', contentType, content: Buffer.from(report, 'utf8'), createdAt: at },
		docPrefix(feed.region),
	);
	feed.processingStatus = status;
	feed.processingStartTime ??= at;
	feed.processingEndTime = at;
	feed.resultFeedDocumentId = doc.id;
}

function processFeed(sim: SimContext, feed: SimFeed, at: number): void {
	const input = sim.documents.docs.get(feed.inputFeedDocumentId);
	if (feed.feedType === 'JSON_LISTINGS_FEED') processListingsFeed(sim, feed, input?.content?.toString('utf8'), at);
	else processAcknowledgementFeed(sim, feed, input?.content?.toString('utf8'), at);
}

// ---------------------------------------------------------------- JSON_LISTINGS_FEED

interface FeedIssue {
	messageId: number;
	code: string;
	severity: 'ERROR' | 'WARNING' | 'INFO';
	message: string;
	attributeName?: string;
}

function listingsReport(feed: SimFeed, issues: FeedIssue[], processed: number, invalidIds: Set<number>): string {
	return JSON.stringify(
		{
			header: { sellerId: feed.sellerId, version: '2.0', feedId: feed.feedId },
			issues,
			summary: {
				errors: issues.filter((i) => i.severity === 'ERROR').length,
				warnings: issues.filter((i) => i.severity === 'WARNING').length,
				messagesProcessed: processed,
				messagesAccepted: processed - invalidIds.size,
				messagesInvalid: invalidIds.size,
			},
		},
		null,
		2,
	);
}

function processListingsFeed(sim: SimContext, feed: SimFeed, text: string | undefined, at: number): void {
	const fatal = (message: string) =>
		finish(sim, feed, at, 'FATAL', listingsReport(feed, [{ messageId: 0, code: '100001', severity: 'ERROR', message }], 0, new Set()), 'application/json');
	if (text === undefined) return fatal('The feed document was not uploaded.');
	let doc: any;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		return fatal(`The feed document is not valid JSON: ${(e as Error).message}`);
	}
	const schemaError = sim.models?.validateListingsFeed(doc);
	if (schemaError) return fatal(`The feed document does not conform to the JSON_LISTINGS_FEED schema: ${schemaError}`);
	if (!doc || typeof doc !== 'object' || !doc.header || !Array.isArray(doc.messages) || !doc.messages.length) {
		return fatal('The feed document needs a header and at least one message.');
	}
	if (doc.header.version !== '2.0') return fatal("header.version must be '2.0'.");
	if (doc.header.sellerId !== feed.sellerId) {
		return fatal(`header.sellerId '${doc.header.sellerId}' does not match the selling partner that submitted the feed.`);
	}
	const issues: FeedIssue[] = [];
	const invalid = new Set<number>();
	const seen = new Set<number>();
	const toApply: PlannedQuantity[] = [];
	const add = (messageId: number, list: ListingIssue[]) => {
		for (const i of list) {
			issues.push({ messageId, code: i.code, severity: i.severity, message: i.message, ...(i.attributeNames?.[0] ? { attributeName: i.attributeNames[0] } : {}) });
			if (i.severity === 'ERROR') invalid.add(messageId);
		}
	};
	for (const msg of doc.messages) {
		const id = Number(msg?.messageId);
		if (!Number.isInteger(id) || id < 1 || typeof msg.sku !== 'string' || !msg.sku) {
			add(Number.isInteger(id) ? id : 0, [missing('messageId', 'Each message needs a positive integer messageId and a sku.')]);
			continue;
		}
		if (seen.has(id)) {
			add(id, [invalidValue('messageId', `messageId ${id} is used by more than one message.`)]);
			continue;
		}
		seen.add(id);
		const listings = feed.marketplaceIds.map((m) => sim.catalog.listing(feed.sellerId, m, msg.sku)).filter((l) => !!l);
		const op = msg.operationType;
		if (op === 'DELETE') {
			if (!listings.length) add(id, [notFoundIssue(msg.sku, feed.marketplaceIds)]);
			else for (const l of listings) sim.catalog.listings.delete(`${l!.sellerId}|${l!.marketplaceId}|${l!.sku}`);
			continue;
		}
		if (!['UPDATE', 'PARTIAL_UPDATE', 'PATCH'].includes(op)) {
			add(id, [invalidValue('operationType', `'${op}' is not a valid operationType.`)]);
			continue;
		}
		if (typeof msg.productType !== 'string' || !msg.productType) {
			add(id, [missing('productType', "'productType' is required but not supplied.")]);
			continue;
		}
		if (!listings.length) {
			// Creating listings needs the full product facts, which this simulator does not model.
			add(id, [notFoundIssue(msg.sku, feed.marketplaceIds)]);
			continue;
		}
		if (listings[0]!.product.productType !== msg.productType) {
			add(id, [productTypeIssue(msg.productType, listings[0]!.product.productType)]);
			continue;
		}
		let availability: unknown;
		const messageIssues: ListingIssue[] = [];
		if (op === 'PATCH') {
			if (!Array.isArray(msg.patches) || !msg.patches.length) {
				add(id, [missing('patches', "'patches' is required for PATCH operations.")]);
				continue;
			}
			for (const p of msg.patches) {
				if (p?.path === '/attributes/fulfillment_availability') {
					if (p.op === 'delete') messageIssues.push(invalidValue('fulfillment_availability', 'fulfillment_availability cannot be deleted; set quantity 0 instead.'));
					else availability = p.value;
				} else if (typeof p?.path !== 'string' || !p.path.startsWith('/attributes/')) {
					messageIssues.push(invalidValue(String(p?.path), `The path '${p?.path}' is not a listing attribute path (/attributes/...).`));
				}
			}
		} else {
			if (!msg.attributes || typeof msg.attributes !== 'object') {
				add(id, [missing('attributes', "'attributes' is required for UPDATE and PARTIAL_UPDATE operations.")]);
				continue;
			}
			if (op === 'UPDATE' && !msg.attributes.item_name) {
				// UPDATE replaces the whole listing: the required product facts must all be there.
				messageIssues.push(missing('item_name', "'item_name' is required but not supplied."));
			}
			availability = msg.attributes.fulfillment_availability;
		}
		let plans: PlannedQuantity[] = [];
		if (availability !== undefined) {
			const planned = planFulfillmentAvailability(sim, feed.sellerId, msg.sku, feed.marketplaceIds, availability);
			messageIssues.push(...planned.issues);
			plans = planned.plans;
		}
		add(id, messageIssues);
		if (!messageIssues.some((i) => i.severity === 'ERROR')) toApply.push(...plans);
	}
	for (const plan of toApply) {
		recordQuantity(sim, plan, at, 'JSON_LISTINGS_FEED');
		applyQuantity(sim, plan, at, 'JSON_LISTINGS_FEED');
	}
	finish(sim, feed, at, 'DONE', listingsReport(feed, issues, doc.messages.length, invalid), 'application/json');
}

// ---------------------------------------------------------------- POST_ORDER_ACKNOWLEDGEMENT_DATA

interface AckResult {
	messageId: string;
	code: 'Error' | 'Warning';
	messageCode: number;
	description: string;
	orderId?: string;
}

function processingReportXml(feed: SimFeed, processed: number, results: AckResult[]): string {
	const errors = new Set(results.filter((r) => r.code === 'Error').map((r) => r.messageId)).size;
	const warnings = new Set(results.filter((r) => r.code === 'Warning').map((r) => r.messageId)).size;
	const body = results
		.map(
			(r) =>
				`\t\t\t<Result>\n\t\t\t\t<MessageID>${escapeXml(r.messageId)}</MessageID>\n\t\t\t\t<ResultCode>${r.code}</ResultCode>\n` +
				`\t\t\t\t<ResultMessageCode>${r.messageCode}</ResultMessageCode>\n\t\t\t\t<ResultDescription>${escapeXml(r.description)}</ResultDescription>\n` +
				(r.orderId ? `\t\t\t\t<AdditionalInfo>\n\t\t\t\t\t<AmazonOrderID>${escapeXml(r.orderId)}</AmazonOrderID>\n\t\t\t\t</AdditionalInfo>\n` : '') +
				`\t\t\t</Result>\n`,
		)
		.join('');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">\n` +
		`\t<Header>\n\t\t<DocumentVersion>1.02</DocumentVersion>\n\t\t<MerchantIdentifier>${escapeXml(feed.sellerId)}</MerchantIdentifier>\n\t</Header>\n` +
		`\t<MessageType>ProcessingReport</MessageType>\n\t<Message>\n\t\t<MessageID>1</MessageID>\n\t\t<ProcessingReport>\n` +
		`\t\t\t<DocumentTransactionID>${feed.feedId}</DocumentTransactionID>\n\t\t\t<StatusCode>Complete</StatusCode>\n` +
		`\t\t\t<ProcessingSummary>\n\t\t\t\t<MessagesProcessed>${processed}</MessagesProcessed>\n` +
		`\t\t\t\t<MessagesSuccessful>${processed - errors}</MessagesSuccessful>\n\t\t\t\t<MessagesWithError>${errors}</MessagesWithError>\n` +
		`\t\t\t\t<MessagesWithWarning>${warnings}</MessagesWithWarning>\n\t\t\t</ProcessingSummary>\n` +
		body +
		`\t\t</ProcessingReport>\n\t</Message>\n</AmazonEnvelope>\n`
	);
}

function processAcknowledgementFeed(sim: SimContext, feed: SimFeed, text: string | undefined, at: number): void {
	const report = (processed: number, results: AckResult[], status: 'DONE' | 'FATAL' = 'DONE') =>
		finish(sim, feed, at, status, processingReportXml(feed, processed, results), 'text/xml; charset=UTF-8');
	if (text === undefined) return report(0, [{ messageId: '0', code: 'Error', messageCode: 5001, description: 'The feed document was not uploaded.' }], 'FATAL');
	let root: XmlNode;
	try {
		root = parseXml(text);
	} catch (e) {
		const message = e instanceof XmlError ? e.message : String(e);
		return report(0, [{ messageId: '0', code: 'Error', messageCode: 5000, description: `XML Parsing Error: ${message}` }]);
	}
	const schema = (description: string) => report(0, [{ messageId: '0', code: 'Error', messageCode: 5000, description: `XML Parsing Error: ${description}` }]);
	if (root.name !== 'AmazonEnvelope') return schema(`the root element must be AmazonEnvelope, not ${root.name}.`);
	const header = child(root, 'Header');
	if (!child(header, 'DocumentVersion')?.text || !child(header, 'MerchantIdentifier')?.text) {
		return schema('Header/DocumentVersion and Header/MerchantIdentifier are required.');
	}
	if (child(root, 'MessageType')?.text !== 'OrderAcknowledgement') return schema("MessageType must be 'OrderAcknowledgement' for this feed type.");
	const messages = children(root, 'Message');
	if (!messages.length) return schema('At least one Message is required.');
	const results: AckResult[] = [];
	const seen = new Set<string>();
	for (const m of messages) {
		const messageId = child(m, 'MessageID')?.text ?? '';
		const fail = (messageCode: number, description: string, orderId?: string) => results.push({ messageId, code: 'Error', messageCode, description, orderId });
		if (!/^\d+$/.test(messageId) || seen.has(messageId)) {
			fail(5000, `XML Parsing Error: MessageID '${messageId}' must be a unique positive integer.`);
			continue;
		}
		seen.add(messageId);
		const ack = child(m, 'OrderAcknowledgement');
		const orderId = child(ack, 'AmazonOrderID')?.text;
		const statusCode = child(ack, 'StatusCode')?.text;
		if (!ack || !orderId || (statusCode !== 'Success' && statusCode !== 'Failure')) {
			fail(5000, 'XML Parsing Error: OrderAcknowledgement needs AmazonOrderID and StatusCode (Success or Failure).', orderId);
			continue;
		}
		const items = children(ack, 'Item').map((it) => ({ code: child(it, 'AmazonOrderItemCode')?.text, reason: child(it, 'CancelReason')?.text }));
		const badReason = items.find((it) => it.reason !== undefined && !CANCEL_REASONS.includes(it.reason));
		if (items.some((it) => !it.code) || badReason) {
			fail(5000, badReason ? `XML Parsing Error: '${badReason.reason}' is not a valid CancelReason.` : 'XML Parsing Error: Item needs AmazonOrderItemCode.', orderId);
			continue;
		}
		const order = sim.orders.record(orderId);
		if (!order || order.sellerId !== feed.sellerId) {
			fail(18028, `The order ID ${orderId} was not found for this merchant.`, orderId);
			continue;
		}
		if (!feed.marketplaceIds.includes(order.marketplaceId)) {
			fail(18028, `Order ${orderId} does not belong to the marketplace(s) of this feed.`, orderId);
			continue;
		}
		if (statusCode === 'Success') continue;
		if (order.fulfilledBy === 'AMAZON') {
			fail(18157, `Order ${orderId} is fulfilled by Amazon and cannot be cancelled by the seller.`, orderId);
			continue;
		}
		if (order.status === 'CANCELLED') {
			fail(18159, `Order ${orderId} has already been cancelled.`, orderId);
			continue;
		}
		if (order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY') {
			fail(18158, `Order ${orderId} is pending; it cannot be cancelled until payment is authorised.`, orderId);
			continue;
		}
		const unknown = items.find((it) => !order.items.some((oi) => oi.orderItemId === it.code));
		if (unknown) {
			fail(18028, `The order item code ${unknown.code} is not part of order ${orderId}.`, orderId);
			continue;
		}
		const targets = items.length ? items.map((it) => it.code!) : order.items.filter((i) => !i.cancelled).map((i) => i.orderItemId);
		const shipped = order.items.find((i) => targets.includes(i.orderItemId) && i.shipped > 0);
		if (shipped) {
			fail(18160, `Order item ${shipped.orderItemId} of order ${orderId} has already shipped and cannot be cancelled.`, orderId);
			continue;
		}
		const reason = items.find((it) => it.reason)?.reason;
		sim.orders.cancel(order, targets, at, 'MERCHANT', reason ?? 'GeneralAdjustment');
		sim.state.cancellations.push({ at, sellerId: feed.sellerId, orderId, orderItemIds: targets, reason, feedId: feed.feedId });
	}
	report(messages.length, results);
}

export const feedsRoutes: Route[] = [
	{ method: 'POST', path: '/feeds/2021-06-30/documents', operation: 'createFeedDocument', handler: createFeedDocument },
	{ method: 'POST', path: '/feeds/2021-06-30/feeds', operation: 'createFeed', handler: createFeed },
	{ method: 'GET', path: '/feeds/2021-06-30/feeds/{feedId}', operation: 'getFeed', handler: getFeed },
	{ method: 'GET', path: '/feeds/2021-06-30/documents/{feedDocumentId}', operation: 'getFeedDocument', handler: getFeedDocument },
];
