/**
 * Orders API v0. confirmShipment is current and used by the package; getOrders/getOrderItems are
 * the deprecated reads, served only for the benchmark's baseline client.
 */
import { MARKETPLACES } from '../data/marketplaces';
import { iso, renderOrderItemV0, renderOrderV0, v0Status } from '../data/orderViews';
import type { SimOrder } from '../data/orders';
import { apiError, type ApiResult, type Route, type RouteContext } from '../server';
import { parseIsoDate } from './orders';

const TWO_MINUTES = 2 * 60_000;

function notFound(orderId: string): ApiResult {
	return apiError(404, 'NotFound', `Order ${orderId} was not found.`);
}

function confirmShipment(ctx: RouteContext): ApiResult {
	const { sim, account, now } = ctx;
	const order = sim.orders.record(ctx.params.orderId);
	if (!order || order.sellerId !== account.sellerId) return notFound(ctx.params.orderId);
	const body = ctx.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return ctx.invalid('The request body must be a ConfirmShipmentRequest object.');
	// The same rules the model states, enforced even when the models are not on disk.
	if (typeof body.marketplaceId !== 'string') return ctx.invalid("Invalid body: missing required field 'marketplaceId'.");
	const pkg = body.packageDetail;
	if (!pkg || typeof pkg !== 'object') return ctx.invalid("Invalid body: missing required field 'packageDetail'.");
	for (const f of ['packageReferenceId', 'carrierCode', 'trackingNumber', 'shipDate']) {
		if (typeof pkg[f] !== 'string' || pkg[f] === '') return ctx.invalid(`Invalid body: field 'packageDetail.${f}' is required.`);
	}
	const shipDate = parseIsoDate(pkg.shipDate);
	if (shipDate === undefined) return ctx.invalid("Invalid body: field 'packageDetail.shipDate' must be an ISO 8601 date-time.");
	if (!Array.isArray(pkg.orderItems) || !pkg.orderItems.length) return ctx.invalid("Invalid body: field 'packageDetail.orderItems' must list the shipped items.");
	if (body.codCollectionMethod !== undefined && body.codCollectionMethod !== 'DirectPayment') {
		return ctx.invalid("Invalid body: field 'codCollectionMethod' must be DirectPayment.");
	}

	if (body.marketplaceId !== order.marketplaceId) {
		return ctx.invalid(`The marketplaceId ${body.marketplaceId} does not match the marketplace of order ${order.orderId}.`);
	}
	if (order.fulfilledBy === 'AMAZON') return ctx.invalid(`Order ${order.orderId} is fulfilled by Amazon; shipments cannot be confirmed by the seller.`);
	if (order.status === 'CANCELLED') return ctx.invalid(`Order ${order.orderId} has been cancelled.`);
	if (order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY') {
		return ctx.invalid(`Order ${order.orderId} is ${order.status}; it cannot be shipped until payment is authorised.`);
	}
	if (shipDate < order.createdTime - 60_000) return ctx.invalid(`The shipDate is before the order was placed.`);
	const lines: Array<{ orderItemId: string; quantity: number; transparencyCodes?: string[] }> = [];
	const seen = new Set<string>();
	for (const [i, line] of pkg.orderItems.entries()) {
		if (!line || typeof line.orderItemId !== 'string') return ctx.invalid(`Invalid body: field 'packageDetail.orderItems.${i}.orderItemId' is required.`);
		if (!Number.isInteger(line.quantity) || line.quantity < 1) {
			return ctx.invalid(`Invalid body: field 'packageDetail.orderItems.${i}.quantity' must be a positive integer.`);
		}
		if (seen.has(line.orderItemId)) return ctx.invalid(`Order item ${line.orderItemId} is listed twice.`);
		seen.add(line.orderItemId);
		const item = order.items.find((it) => it.orderItemId === line.orderItemId);
		if (!item) return ctx.invalid(`Order item ${line.orderItemId} is not part of order ${order.orderId}.`);
		if (item.cancelled) return ctx.invalid(`Order item ${line.orderItemId} has been cancelled.`);
		const remaining = item.quantity - item.shipped;
		if (line.quantity > remaining) {
			return ctx.invalid(`Quantity ${line.quantity} for order item ${line.orderItemId} exceeds the ${remaining} unit(s) not yet shipped.`);
		}
		lines.push({
			orderItemId: line.orderItemId,
			quantity: line.quantity,
			...(Array.isArray(line.transparencyCodes) && line.transparencyCodes.length ? { transparencyCodes: line.transparencyCodes } : {}),
		});
	}
	sim.orders.ship(order, lines, now, {
		packageReferenceId: pkg.packageReferenceId,
		carrierCode: pkg.carrierCode,
		carrierName: pkg.carrierName,
		shippingMethod: pkg.shippingMethod,
		trackingNumber: pkg.trackingNumber,
		shipTime: shipDate,
	});
	sim.state.shipments.push({
		at: now,
		sellerId: account.sellerId,
		orderId: order.orderId,
		packageReferenceId: pkg.packageReferenceId,
		carrierCode: pkg.carrierCode,
		trackingNumber: pkg.trackingNumber,
		items: lines.map(({ orderItemId, quantity }) => ({ orderItemId, quantity })),
	});
	return { status: 204 };
}

interface V0Token {
	s: string;
	o: number;
	f: { field: 'createdTime' | 'lastUpdatedTime'; after: number; before: number; mps: string[]; st?: string[]; fc?: string[] };
}

const V0_STATUSES = ['PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed', 'Canceled', 'Unfulfillable'];

function list(q: URLSearchParams, name: string): string[] | undefined {
	const all = q.getAll(name);
	return all.length ? all.join(',').split(',') : undefined;
}

function getOrders(ctx: RouteContext): ApiResult {
	const { query: q, account, now, sim } = ctx;
	let filter: V0Token['f'];
	let offset = 0;
	const next = q.get('NextToken');
	if (next) {
		let t: V0Token | undefined;
		try {
			t = JSON.parse(Buffer.from(next, 'base64url').toString('utf8'));
		} catch {
			t = undefined;
		}
		if (!t || t.s !== account.sellerId) return ctx.invalid("Invalid value for parameter 'NextToken'.");
		filter = t.f;
		offset = t.o;
	} else {
		const mps = list(q, 'MarketplaceIds');
		if (!mps) return ctx.invalid("Missing required parameter 'MarketplaceIds'.");
		for (const id of mps) {
			if (!MARKETPLACES[id] || !account.marketplaceIds.includes(id)) return ctx.invalid(`Invalid value for parameter 'MarketplaceIds': '${id}'.`);
		}
		const ca = q.get('CreatedAfter');
		const la = q.get('LastUpdatedAfter');
		if ((ca === null) === (la === null)) return ctx.invalid('Exactly one of CreatedAfter and LastUpdatedAfter must be provided.');
		const byCreated = ca !== null;
		const after = parseIsoDate((ca ?? la)!);
		if (after === undefined) return ctx.invalid(`Invalid value for parameter '${byCreated ? 'CreatedAfter' : 'LastUpdatedAfter'}'.`);
		const beforeRaw = q.get(byCreated ? 'CreatedBefore' : 'LastUpdatedBefore');
		let before = Math.floor((now - TWO_MINUTES) / 1000) * 1000;
		if (beforeRaw !== null) {
			const b = parseIsoDate(beforeRaw);
			if (b === undefined || b > now - TWO_MINUTES || b < after) {
				return ctx.invalid(`${byCreated ? 'CreatedBefore' : 'LastUpdatedBefore'} must be after the start date and at least two minutes before the request.`);
			}
			before = b;
		}
		if (after > before) return ctx.invalid(`${byCreated ? 'CreatedAfter' : 'LastUpdatedAfter'} must be at least two minutes before the request.`);
		const st = list(q, 'OrderStatuses');
		for (const s of st ?? []) if (!V0_STATUSES.includes(s)) return ctx.invalid(`Invalid value for parameter 'OrderStatuses': '${s}'.`);
		const fc = list(q, 'FulfillmentChannels');
		for (const s of fc ?? []) if (s !== 'AFN' && s !== 'MFN') return ctx.invalid(`Invalid value for parameter 'FulfillmentChannels': '${s}'.`);
		filter = { field: byCreated ? 'createdTime' : 'lastUpdatedTime', after, before, mps, st, fc };
	}
	const maxRaw = q.get('MaxResultsPerPage');
	const pageSize = maxRaw === null ? 100 : Number(maxRaw);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return ctx.invalid("Invalid value for parameter 'MaxResultsPerPage'.");
	const matches = sim.orders
		.all()
		.filter(
			(o: SimOrder) =>
				o.sellerId === account.sellerId &&
				filter.mps.includes(o.marketplaceId) &&
				o[filter.field] >= filter.after &&
				o[filter.field] <= filter.before &&
				(!filter.st || filter.st.includes(v0Status(o.status))) &&
				(!filter.fc || filter.fc.includes(o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN')),
		)
		.sort((a, b) => a.lastUpdatedTime - b.lastUpdatedTime || (a.orderId < b.orderId ? -1 : 1));
	const page = matches.slice(offset, offset + pageSize);
	const payload: Record<string, unknown> = { Orders: page.map((o) => renderOrderV0(o, now)) };
	if (offset + pageSize < matches.length) {
		payload.NextToken = Buffer.from(JSON.stringify({ s: account.sellerId, o: offset + pageSize, f: filter } satisfies V0Token)).toString('base64url');
	}
	payload[filter.field === 'createdTime' ? 'CreatedBefore' : 'LastUpdatedBefore'] = iso(filter.before);
	return { status: 200, body: { payload } };
}

function getOrderItems(ctx: RouteContext): ApiResult {
	const order = ctx.sim.orders.record(ctx.params.orderId);
	if (!order || order.sellerId !== ctx.account.sellerId) return notFound(ctx.params.orderId);
	return {
		status: 200,
		body: { payload: { AmazonOrderId: order.orderId, OrderItems: order.items.map((it) => renderOrderItemV0(order, it)) } },
	};
}

export const ordersV0Routes: Route[] = [
	{ method: 'POST', path: '/orders/v0/orders/{orderId}/shipmentConfirmation', operation: 'confirmShipment', handler: confirmShipment },
	{
		method: 'GET',
		path: '/orders/v0/orders',
		operation: 'getOrders',
		arrays: ['MarketplaceIds', 'OrderStatuses', 'FulfillmentChannels', 'PaymentMethods', 'AmazonOrderIds', 'EasyShipShipmentStatuses', 'ElectronicInvoiceStatuses'],
		handler: getOrders,
	},
	{ method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', operation: 'getOrderItems', handler: getOrderItems },
];
