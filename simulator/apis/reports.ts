/**
 * Reports 2021-06-30 for the all-orders flat files and the two returns reports. A report runs for a
 * few simulated minutes and then captures the data as it is at that moment, tab-separated,
 * gzip-compressed behind a pre-signed URL. North American order flat files are Cp1252-encoded, as
 * Amazon serves them; everything else UTF-8.
 *
 * Settlement reports (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2) cannot be requested: createReport
 * answers Amazon's 400, and the simulator publishes one DONE report per settlement period as it
 * closes (`publishSettlementReport`), found with getReports (apis/reportSearch.ts).
 */
import * as zlib from 'zlib';
import type { SimContext } from '../context';
import type { AccountKey } from '../data/accounts';
import { MARKETPLACES, formatAmount, type Region } from '../data/marketplaces';
import { iso, itemMoney, v0ServiceLevel } from '../data/orderViews';
import type { SimOrder, SimOrderItem } from '../data/orders';
import { personFor } from '../data/people';
import { digitsId } from '../data/finance/rules';
import { FBA_RETURNS_REPORT_TYPE, MFN_RETURNS_REPORT_TYPE, renderReturnsReport, returnReportDate } from '../data/finance/returnsReports';
import { SETTLEMENT_REPORT_TYPE, SETTLEMENT_REPORT_TYPES, renderSettlementReport } from '../data/finance/settlementReport';
import type { SettlementPeriod } from '../data/finance/types';
import { apiError, type ApiResult, type Route, type RouteContext } from '../server';
import { parseIsoDate } from './orders';

export const SUPPORTED_REPORT_TYPES = [
	'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
	'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
	FBA_RETURNS_REPORT_TYPE,
	MFN_RETURNS_REPORT_TYPE,
];

export const ALL_ORDERS_COLUMNS = [
	'amazon-order-id',
	'merchant-order-id',
	'purchase-date',
	'last-updated-date',
	'order-status',
	'fulfillment-channel',
	'sales-channel',
	'order-channel',
	'url',
	'ship-service-level',
	'product-name',
	'sku',
	'asin',
	'item-status',
	'quantity',
	'currency',
	'item-price',
	'item-tax',
	'shipping-price',
	'shipping-tax',
	'gift-wrap-price',
	'gift-wrap-tax',
	'item-promotion-discount',
	'ship-promotion-discount',
	'ship-city',
	'ship-state',
	'ship-postal-code',
	'ship-country',
	'promotion-ids',
	'is-business-order',
	'purchase-order-number',
	'price-designation',
];

export interface SimReport {
	reportId: string;
	sellerId: string;
	account: AccountKey;
	region: Region;
	reportType: string;
	marketplaceIds: string[];
	dataStartTime: number;
	dataEndTime: number;
	createdTime: number;
	processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
	processingStartTime?: number;
	processingEndTime?: number;
	reportDocumentId?: string;
}

const ORDER_STATUS: Record<string, string> = {
	PENDING: 'Pending',
	PENDING_AVAILABILITY: 'Pending',
	UNSHIPPED: 'Unshipped',
	PARTIALLY_SHIPPED: 'Shipping',
	SHIPPED: 'Shipped',
	CANCELLED: 'Cancelled',
	UNFULFILLABLE: 'Unfulfillable',
};

/** Report dates: ISO 8601 with an explicit +00:00 offset, as Amazon writes them. */
function reportDate(ms: number): string {
	return iso(ms).replace(/Z$/, '+00:00');
}

function cell(v: string): string {
	return v.replace(/[\t\r\n]+/g, ' ');
}

export function reportRows(order: SimOrder): string[][] {
	const mp = MARKETPLACES[order.marketplaceId];
	const person = personFor(order.seed, mp.countryCode, order.business, mp.domainName);
	const pending = order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY';
	return order.items.map((it: SimOrderItem) => {
		const m = itemMoney(order, it);
		const amount = (v: number) => (pending || it.cancelled ? '' : formatAmount(v));
		const itemStatus = it.cancelled ? 'Cancelled' : it.shipped >= it.quantity ? 'Shipped' : 'Unshipped';
		return [
			order.orderId,
			'',
			reportDate(order.createdTime),
			reportDate(order.lastUpdatedTime),
			ORDER_STATUS[order.status] ?? order.status,
			order.fulfilledBy === 'AMAZON' ? 'Amazon' : 'Merchant',
			mp.name,
			'',
			'',
			v0ServiceLevel(order.serviceLevel),
			it.title,
			it.sku,
			it.asin,
			itemStatus,
			String(it.cancelled ? 0 : it.quantity),
			mp.currency,
			amount(m.item),
			amount(it.itemTax),
			amount(m.shipping),
			amount(it.shippingTax),
			amount(m.giftWrap),
			amount(it.giftWrapTax),
			amount(m.itemDiscount),
			amount(m.shippingDiscount),
			person.city,
			person.stateOrRegion,
			person.postalCode,
			person.countryCode,
			it.promotionIds.join(','),
			order.business ? 'true' : 'false',
			order.purchaseOrderNumber ?? '',
			order.business ? 'BusinessPrice' : '',
		].map(cell);
	});
}

const CP1252_EXTRA: Record<number, number> = {
	0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89,
	0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
	0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

export function encodeCp1252(text: string): Buffer {
	const out: number[] = [];
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out.push(c);
		else out.push(CP1252_EXTRA[c] ?? 0x3f);
	}
	return Buffer.from(out);
}

function buildReturnsReport(sim: SimContext, report: SimReport, at: number): { content: Buffer; contentType: string } {
	sim.finance.sync(at);
	const returns = sim.finance.returns
		.map((r) => ({ r, date: returnReportDate(report.reportType, r) }))
		.filter(
			(x): x is { r: (typeof sim.finance.returns)[number]; date: number } =>
				x.date !== undefined &&
				x.r.sellerId === report.sellerId &&
				report.marketplaceIds.includes(x.r.marketplaceId) &&
				x.date >= report.dataStartTime &&
				x.date <= report.dataEndTime,
		)
		.sort((a, b) => a.date - b.date || (a.r.returnId < b.r.returnId ? -1 : 1))
		.map((x) => x.r);
	return { content: Buffer.from(renderReturnsReport(report.reportType, returns), 'utf8'), contentType: 'text/plain;charset=UTF-8' };
}

function buildReport(sim: SimContext, report: SimReport, at: number): { content: Buffer; contentType: string } {
	if (report.reportType === FBA_RETURNS_REPORT_TYPE || report.reportType === MFN_RETURNS_REPORT_TYPE) return buildReturnsReport(sim, report, at);
	const field = report.reportType.includes('BY_ORDER_DATE') ? 'createdTime' : 'lastUpdatedTime';
	const orders = sim.orders
		.all()
		.filter(
			(o) =>
				o.sellerId === report.sellerId &&
				report.marketplaceIds.includes(o.marketplaceId) &&
				o[field] >= report.dataStartTime &&
				o[field] <= report.dataEndTime,
		)
		.sort((a, b) => a[field] - b[field] || (a.orderId < b.orderId ? -1 : 1));
	const lines = [ALL_ORDERS_COLUMNS.join('\t'), ...orders.flatMap((o) => reportRows(o).map((r) => r.join('\t')))];
	const text = lines.join('\n') + '\n';
	if (report.region === 'na') return { content: encodeCp1252(text), contentType: 'text/plain;charset=Cp1252' };
	return { content: Buffer.from(text, 'utf8'), contentType: 'text/plain;charset=UTF-8' };
}

export function renderReport(r: SimReport): Record<string, unknown> {
	const out: Record<string, unknown> = {
		reportId: r.reportId,
		reportType: r.reportType,
		dataStartTime: iso(r.dataStartTime),
		dataEndTime: iso(r.dataEndTime),
		createdTime: iso(r.createdTime),
		processingStatus: r.processingStatus,
		marketplaceIds: r.marketplaceIds,
	};
	if (r.processingStartTime !== undefined) out.processingStartTime = iso(r.processingStartTime);
	if (r.processingEndTime !== undefined) out.processingEndTime = iso(r.processingEndTime);
	if (r.reportDocumentId) out.reportDocumentId = r.reportDocumentId;
	return out;
}

function createReport(ctx: RouteContext): ApiResult {
	const { sim, account, now, body } = ctx;
	if (!body || typeof body !== 'object') return ctx.invalid('The request body must be a CreateReportSpecification.');
	const { reportType, marketplaceIds } = body;
	if (typeof reportType !== 'string' || !reportType) return ctx.invalid("Invalid body: missing required field 'reportType'.");
	if (!Array.isArray(marketplaceIds) || !marketplaceIds.length || marketplaceIds.length > 25) {
		return ctx.invalid("Invalid body: field 'marketplaceIds' must list 1 to 25 marketplaces.");
	}
	for (const id of marketplaceIds) {
		if (typeof id !== 'string' || !account.marketplaceIds.includes(id)) return ctx.invalid(`Invalid body: '${id}' is not a marketplace of this seller.`);
	}
	if (SETTLEMENT_REPORT_TYPES[reportType] !== undefined) {
		// Amazon generates settlement reports itself; requesting one is refused with this message.
		return ctx.invalid(`Request for report type ${SETTLEMENT_REPORT_TYPES[reportType]} is not allowed at this time`);
	}
	if (!SUPPORTED_REPORT_TYPES.includes(reportType)) {
		return ctx.invalid(`Invalid reportType '${reportType}' (the simulator supports ${SUPPORTED_REPORT_TYPES.join(', ')}).`);
	}
	const start = body.dataStartTime === undefined ? now - 30 * 86_400_000 : parseIsoDate(body.dataStartTime);
	const end = body.dataEndTime === undefined ? now : parseIsoDate(body.dataEndTime);
	if (start === undefined) return ctx.invalid("Invalid body: field 'dataStartTime' must be an ISO 8601 date-time.");
	if (end === undefined) return ctx.invalid("Invalid body: field 'dataEndTime' must be an ISO 8601 date-time.");
	if (end < start) return ctx.invalid('dataEndTime must be after dataStartTime.');
	if (start > now) return ctx.invalid('dataStartTime cannot be in the future.');
	const reportId = String(50_000_000_000 + Math.floor(sim.rng.next() * 9_000_000_000));
	const report: SimReport = {
		reportId,
		sellerId: account.sellerId,
		account: account.key,
		region: ctx.region,
		reportType,
		marketplaceIds,
		dataStartTime: start,
		dataEndTime: Math.min(end, now),
		createdTime: now,
		processingStatus: 'IN_QUEUE',
	};
	sim.reports.set(reportId, report);
	const startAfter = 10_000 + Math.floor(sim.rng.next() * 50_000);
	const runFor = 60_000 + Math.floor(sim.rng.next() * 180_000);
	sim.scheduler.at(now + startAfter, (t) => {
		report.processingStatus = 'IN_PROGRESS';
		report.processingStartTime = t;
	});
	sim.scheduler.at(now + startAfter + runFor, (t) => {
		const { content, contentType } = buildReport(sim, report, t);
		const doc = sim.documents.create(
			{ region: report.region, sellerId: report.sellerId, kind: 'report', contentType, content: zlib.gzipSync(content), compression: 'GZIP', createdAt: t },
			`amzn1.spdoc.1.4.${report.region}`,
		);
		report.processingStatus = 'DONE';
		report.processingEndTime = t;
		report.reportDocumentId = doc.id;
	});
	return { status: 202, body: { reportId } };
}

function getReport(ctx: RouteContext): ApiResult {
	const r = ctx.sim.reports.get(ctx.params.reportId) as SimReport | undefined;
	if (!r || r.sellerId !== ctx.account.sellerId) return apiError(404, 'NotFound', `Report ${ctx.params.reportId} was not found.`);
	return { status: 200, body: renderReport(r) };
}

function getReportDocument(ctx: RouteContext): ApiResult {
	const doc = ctx.sim.documents.docs.get(ctx.params.reportDocumentId);
	if (!doc || doc.sellerId !== ctx.account.sellerId || doc.kind !== 'report') {
		return apiError(404, 'NotFound', `Report document ${ctx.params.reportDocumentId} was not found.`);
	}
	const out: Record<string, unknown> = { reportDocumentId: doc.id, url: ctx.sim.documents.sign(doc, 'GET', ctx.now) };
	if (doc.compression) out.compressionAlgorithm = doc.compression;
	return { status: 200, body: out };
}

/**
 * A closing settlement period's GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: DONE at the close, its
 * document gzip-compressed in the EU region and plain elsewhere (clients must honour
 * compressionAlgorithm either way).
 */
export function publishSettlementReport(sim: SimContext, period: SettlementPeriod): SimReport {
	const text = Buffer.from(renderSettlementReport(period), 'utf8');
	const gzip = period.region === 'eu';
	const doc = sim.documents.create(
		{
			region: period.region,
			sellerId: period.sellerId,
			kind: 'report',
			contentType: 'text/plain;charset=UTF-8',
			content: gzip ? zlib.gzipSync(text) : text,
			compression: gzip ? 'GZIP' : undefined,
			createdAt: period.end,
		},
		`amzn1.spdoc.1.4.${period.region}`,
	);
	const report: SimReport = {
		reportId: digitsId(11, sim.seed, 'settlement-report', period.settlementId),
		sellerId: period.sellerId,
		account: period.account,
		region: period.region,
		reportType: SETTLEMENT_REPORT_TYPE,
		marketplaceIds: period.marketplaceIds,
		dataStartTime: period.start,
		dataEndTime: period.end,
		createdTime: period.end,
		processingStatus: 'DONE',
		processingStartTime: period.end,
		processingEndTime: period.end,
		reportDocumentId: doc.id,
	};
	sim.reports.set(report.reportId, report);
	period.reportId = report.reportId;
	return report;
}

export const reportsRoutes: Route[] = [
	{ method: 'POST', path: '/reports/2021-06-30/reports', operation: 'createReport', handler: createReport },
	{ method: 'GET', path: '/reports/2021-06-30/reports/{reportId}', operation: 'getReport', handler: getReport },
	{ method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}', operation: 'getReportDocument', handler: getReportDocument },
];
