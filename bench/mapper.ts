/**
 * Benchmark of the sales-order mapper: maps 100k generated orders (2026-01-01 and v0 shapes,
 * one to three items, tax on top or included, shipping, discounts, gift wrap) on one core and
 * reports orders per second and the process's peak resident memory. Orders are generated in
 * batches outside the timed part, so the figure is the mapper's. Target: ≥ 20k orders/s.
 *
 * Run directly: npx ts-node --transpile-only bench/mapper.ts
 */
import { performance } from 'perf_hooks';

import { mapOrderToSalesOrder } from '../nodes/AmazonSeller/mapping/salesOrder';

const ORDERS = 100_000;
const BATCH = 1_000;

/** A small deterministic generator, so every run maps the same orders. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

const cents = (minor: number) => (minor / 100).toFixed(2);

function order2026(index: number, next: () => number): unknown {
	const items = [];
	let grand = 0;
	const count = 1 + Math.floor(next() * 3);
	for (let line = 0; line < count; line++) {
		const quantity = 1 + Math.floor(next() * 4);
		const unit = 500 + Math.floor(next() * 9000);
		const item = unit * quantity;
		const shipping = line === 0 ? 499 : 0;
		const tax = Math.round(item * 0.08);
		const discount = next() < 0.2 ? 300 : 0;
		const total = item + shipping + tax - discount;
		grand += total;
		const breakdowns: unknown[] = [
			{ type: 'ITEM', subtotal: { amount: cents(item), currencyCode: 'USD' } },
			{ type: 'TAX', subtotal: { amount: cents(tax), currencyCode: 'USD' }, detailedBreakdowns: [{ subtype: 'ITEM', value: { amount: cents(tax), currencyCode: 'USD' } }] },
		];
		if (shipping) breakdowns.push({ type: 'SHIPPING', subtotal: { amount: cents(shipping), currencyCode: 'USD' } });
		if (discount) breakdowns.push({ type: 'DISCOUNT', subtotal: { amount: cents(-discount), currencyCode: 'USD' } });
		items.push({
			orderItemId: `${index}${line}`,
			quantityOrdered: quantity,
			product: { asin: `B0${index % 99999}`, title: `Product ${line}`, sellerSku: `SKU-${index % 500}-${line}`, price: { unitPrice: { amount: cents(unit), currencyCode: 'USD' } } },
			proceeds: { proceedsTotal: { amount: cents(total), currencyCode: 'USD' }, breakdowns },
			fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: quantity },
		});
	}
	return {
		orderId: `111-${String(index).padStart(7, '0')}-0000001`,
		createdTime: '2025-05-02T09:12:44Z',
		lastUpdatedTime: '2025-05-02T09:40:03Z',
		programs: index % 3 === 0 ? ['PRIME'] : [],
		salesChannel: { channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER' },
		buyer: { buyerName: `Buyer ${index % 2000}`, buyerEmail: `b${index % 2000}@marketplace.amazon.com` },
		recipient: { deliveryAddress: { name: `Buyer ${index % 2000}`, addressLine1: `${index} Main St`, city: 'Seattle', stateOrRegion: 'WA', postalCode: '98101', countryCode: 'US' } },
		proceeds: { grandTotal: { amount: cents(grand), currencyCode: 'USD' } },
		fulfillment: {
			fulfillmentStatus: 'UNSHIPPED',
			fulfilledBy: index % 4 === 0 ? 'AMAZON' : 'MERCHANT',
			fulfillmentServiceLevel: 'STANDARD',
			shipByWindow: { latestDateTime: '2025-05-05T23:59:59Z' },
			deliverByWindow: { latestDateTime: '2025-05-12T23:59:59Z' },
		},
		orderItems: items,
	};
}

function orderV0(index: number, next: () => number): unknown {
	const items = [];
	let total = 0;
	const count = 1 + Math.floor(next() * 3);
	for (let line = 0; line < count; line++) {
		const quantity = 1 + Math.floor(next() * 4);
		const price = (900 + Math.floor(next() * 9000)) * quantity;
		const tax = Math.round((price * 19) / 119);
		const gift = next() < 0.1 ? 299 : 0;
		total += price + 395 + gift;
		items.push({
			ASIN: `B0${index % 99999}`,
			SellerSKU: `SKU-${index % 500}-${line}`,
			OrderItemId: `${index}${line}`,
			Title: `Artikel ${line}`,
			QuantityOrdered: quantity,
			QuantityShipped: 0,
			ItemPrice: { CurrencyCode: 'EUR', Amount: cents(price) },
			ItemTax: { CurrencyCode: 'EUR', Amount: cents(tax) },
			ShippingPrice: { CurrencyCode: 'EUR', Amount: '3.95' },
			ShippingTax: { CurrencyCode: 'EUR', Amount: '0.63' },
			IsGift: gift ? 'true' : 'false',
			BuyerInfo: gift ? { GiftWrapPrice: { CurrencyCode: 'EUR', Amount: cents(gift) }, GiftWrapLevel: 'Classic', GiftMessageText: 'Alles Gute!' } : {},
		});
	}
	return {
		AmazonOrderId: `302-${String(index).padStart(7, '0')}-0000002`,
		PurchaseDate: '2025-03-14T16:05:22Z',
		LastUpdateDate: '2025-03-14T16:41:09Z',
		OrderStatus: 'Unshipped',
		FulfillmentChannel: 'MFN',
		MarketplaceId: 'A1PA6795UKMFR9',
		ShipServiceLevel: 'Std DE Dom',
		OrderTotal: { CurrencyCode: 'EUR', Amount: cents(total) },
		LatestShipDate: '2025-03-18T06:59:59Z',
		BuyerInfo: { BuyerEmail: `k${index % 2000}@marketplace.amazon.de`, BuyerName: `Kunde ${index % 2000}` },
		ShippingAddress: { Name: `Kunde ${index % 2000}`, AddressLine1: 'Hauptstraße 1', City: 'Berlin', PostalCode: '10115', CountryCode: 'DE' },
		OrderItems: items,
	};
}

export async function benchMapper(): Promise<{ ordersPerSecond: number; peakRssMb: number; orders: number }> {
	const next = random(42);
	let mappedMs = 0;
	let mismatches = 0;
	for (let start = 0; start < ORDERS; start += BATCH) {
		const batch: unknown[] = [];
		for (let index = start; index < start + BATCH; index++) batch.push(index % 2 === 0 ? order2026(index, next) : orderV0(index, next));
		const began = performance.now();
		for (const order of batch) {
			if (!mapOrderToSalesOrder(order).reconciliation.ok) mismatches++;
		}
		mappedMs += performance.now() - began;
	}
	// Generated orders are consistent by construction; a mismatch means the mapper is wrong.
	if (mismatches > 0) throw new Error(`${mismatches} generated orders did not reconcile`);
	return {
		ordersPerSecond: Math.round(ORDERS / (mappedMs / 1000)),
		peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
		orders: ORDERS,
	};
}

if (require.main === module) {
	benchMapper().then(
		(result) => console.log(`Mapped ${result.orders} orders: ${result.ordersPerSecond} orders/s, peak RSS ${result.peakRssMb} MB (target ≥ 20000 orders/s)`),
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
