import { createHash } from 'node:crypto';

import type { NormalizedAddress, NormalizedOrder } from './normalizedOrder';
import type { SalesOrderAddress, SalesOrderCustomer, SalesOrderDelivery } from './salesOrderTypes';

/**
 * Customer and delivery partners, following Odoo's Amazon connector: the customer is matched on
 * buyer name + Amazon's anonymised email, and only when there is an email (otherwise a new
 * partner per order, rather than merging strangers); a nameless buyer (North America FBA orders
 * since 2024-02-19, sellers without PII access) is "Amazon Customer # <order id>"; the delivery
 * partner is the customer itself when name and address are the same.
 */
export function fallbackCustomerName(orderId: string): string {
	return `Amazon Customer # ${orderId}`;
}

export function buildPartners(order: NormalizedOrder): { customer: SalesOrderCustomer; delivery: SalesOrderDelivery } {
	const buyer = order.buyer ?? {};
	const address = order.address;
	const name = buyer.name ?? fallbackCustomerName(order.orderId);
	const companyName = buyer.companyName ?? address?.companyName ?? null;
	const isCompany = address?.addressType === 'COMMERCIAL' || (order.isBusinessOrder && companyName !== null);
	const customerKey = buyer.email
		? matchingKey('customer', normalise(name), buyer.email.toLowerCase())
		: matchingKey('order', order.orderId);
	const outAddress = address ? toAddress(address) : null;

	// Amazon gives one address; like Odoo, the customer partner carries it too.
	const shared = { email: buyer.email ?? null, phone: address?.phone ?? null, address: outAddress };
	const customer: SalesOrderCustomer = {
		name,
		isFallbackName: buyer.name === undefined,
		companyName,
		isCompany,
		taxId: buyer.taxId ?? null,
		matchingKey: customerKey,
		purchaseOrderNumber: buyer.purchaseOrderNumber ?? null,
		...shared,
	};
	const deliveryName = address?.name ?? name;
	const sameAsCustomer = deliveryName === name;
	const delivery: SalesOrderDelivery = {
		name: deliveryName,
		isFallbackName: address?.name === undefined && customer.isFallbackName,
		companyName: address?.companyName ?? null,
		isCompany: address?.addressType === 'COMMERCIAL',
		taxId: null,
		matchingKey: sameAsCustomer ? customerKey : matchingKey('delivery', customerKey, normalise(deliveryName), ...addressParts(outAddress)),
		sameAsCustomer,
		...shared,
	};
	return { customer, delivery };
}

function toAddress(address: NormalizedAddress): SalesOrderAddress {
	return {
		line1: address.line1 ?? null,
		line2: address.line2 ?? null,
		line3: address.line3 ?? null,
		city: address.city ?? null,
		district: address.district ?? null,
		county: address.county ?? null,
		stateOrRegion: address.stateOrRegion ?? null,
		municipality: address.municipality ?? null,
		postalCode: address.postalCode ?? null,
		countryCode: address.countryCode ?? null,
		addressType: address.addressType ?? null,
	};
}

function addressParts(address: SalesOrderAddress | null): string[] {
	if (!address) return [];
	const { line1, line2, line3, postalCode, city, stateOrRegion, countryCode } = address;
	return [line1, line2, line3, postalCode, city, stateOrRegion, countryCode].map((part) => normalise(part ?? ''));
}

/** Case and spacing do not make a different person. */
function normalise(text: string): string {
	return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A short, stable, non-reversible key ("amz-" + 20 hex) for the ERP's reference field. */
function matchingKey(...parts: string[]): string {
	return `amz-${createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 20)}`;
}
