import { carrierCodeFor, OTHER_CARRIER } from '../amazon/carriers';
import type { AmazonOrder } from '../amazon/orders';
import { isFulfilledByAmazon, itemQuantityRemaining, itemQuantityShipped } from '../amazon/orders';
import { InputError } from './inputError';
import type { ItemLine } from './itemLines';
import { readItemLines } from './itemLines';
import { readMarketplaceId, readOrderId } from './orderFields';
import { resolveShipDate } from './shipDate';

/** Orders v0 ConfirmShipmentRequest, as sent. */
export interface ConfirmShipmentRequest {
	marketplaceId: string;
	packageDetail: {
		packageReferenceId: string;
		carrierCode: string;
		carrierName?: string;
		shippingMethod?: string;
		trackingNumber: string;
		shipDate: string;
		shipFromSupplySourceId?: string;
		orderItems: Array<{ orderItemId: string; quantity: number; transparencyCodes?: string[] }>;
	};
}

/** The node's fields for one input item, as n8n hands them over (not yet checked). */
export interface RawShipmentInput {
	orderId: unknown;
	marketplaceId?: unknown;
	carrierCode: unknown;
	carrierName?: unknown;
	shippingMethod?: unknown;
	trackingNumber: unknown;
	shipDate?: unknown;
	packageReferenceId: unknown;
	/** undefined: every unshipped item; otherwise rows or JSON. */
	items?: unknown;
	itemsField?: string;
	shipFromSupplySourceId?: unknown;
	/** The workflow's time zone, for dates given without one. */
	timezone?: string;
}

export interface ShipmentInput {
	orderId: string;
	marketplaceId?: string;
	carrierCode: string;
	carrierName?: string;
	shippingMethod?: string;
	trackingNumber: string;
	shipDate: string;
	packageReferenceId: string;
	items?: ItemLine[];
	shipFromSupplySourceId?: string;
}

export type ShipmentPlan =
	| { action: 'confirm'; request: ConfirmShipmentRequest }
	| { action: 'alreadyConfirmed'; marketplaceId?: string; reason: string };

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());

/** Checks one item's fields without calling Amazon. Throws InputError naming the field. */
export function readShipmentInput(raw: RawShipmentInput, now: number): ShipmentInput {
	const orderId = readOrderId(raw.orderId);
	try {
		const input: ShipmentInput = {
			orderId,
			marketplaceId: readMarketplaceId(raw.marketplaceId),
			...readCarrier(raw.carrierCode, raw.carrierName),
			trackingNumber: readTrackingNumber(raw.trackingNumber),
			shipDate: resolveShipDate(raw.shipDate, now, raw.timezone),
			packageReferenceId: readPackageReference(raw.packageReferenceId),
		};
		const shippingMethod = text(raw.shippingMethod);
		if (shippingMethod) input.shippingMethod = withinLimit('Shipping Method', shippingMethod);
		const supplySource = text(raw.shipFromSupplySourceId);
		if (supplySource) input.shipFromSupplySourceId = supplySource;
		if (raw.items !== undefined) input.items = readItemLines(raw.items, raw.itemsField ?? 'Items', { quantity: true });
		return input;
	} catch (error) {
		throw error instanceof InputError ? error.forOrder(orderId) : error;
	}
}

function readCarrier(codeValue: unknown, nameValue: unknown): { carrierCode: string; carrierName?: string } {
	const given = text(codeValue);
	if (!given) throw new InputError('Carrier', 'Carrier is empty; choose one of Amazon\'s carriers, or "Other" with a Carrier Name');
	const carrierCode = carrierCodeFor(given);
	if (!carrierCode) {
		throw new InputError('Carrier', `Carrier "${given}" is not one of Amazon's carrier codes`, {
			hint: 'Pick a carrier from the list, or choose "Other" and put the carrier\'s name in Carrier Name.',
		});
	}
	if (carrierCode !== OTHER_CARRIER) return { carrierCode };
	const carrierName = text(nameValue);
	if (!carrierName) throw new InputError('Carrier Name', 'Carrier Name is empty; Amazon needs the carrier\'s name when the carrier is "Other"');
	return { carrierCode, carrierName: withinLimit('Carrier Name', carrierName) };
}

/**
 * The longest carrier name, shipping method and tracking number Amazon takes. The JSON model gives
 * no limit; the same confirmation as a feed (OrderFulfillment.xsd: CarrierName, ShippingMethod,
 * ShipperTrackingNumber) types them as amzn-base `String`, at most 50 characters. Longer values
 * are a data error in the ERP (a tracking URL, a list of numbers), refused before sending.
 */
export const MAX_SHIPMENT_TEXT = 50;

function withinLimit(field: string, value: string): string {
	if (value.length > MAX_SHIPMENT_TEXT) {
		throw new InputError(field, `${field} is ${value.length} characters long; Amazon takes at most ${MAX_SHIPMENT_TEXT} ("${value.slice(0, 20)}…")`, {
			hint: 'Send the carrier\'s value itself, not a URL or several values joined together.',
		});
	}
	return value;
}

function readTrackingNumber(value: unknown): string {
	const tracking = text(value);
	if (!tracking) throw new InputError('Tracking Number', 'Tracking Number is empty; Amazon shows it to the buyer to follow the package');
	return withinLimit('Tracking Number', tracking);
}

function readPackageReference(value: unknown): string {
	const reference = text(value);
	// Amazon: "Only positive numeric values are supported."
	if (!/^\d+$/.test(reference) || !/[1-9]/.test(reference)) {
		throw new InputError('Package Reference', `Package Reference "${reference}" is not a positive whole number (e.g. 1 for the order's first package)`);
	}
	return reference;
}

/**
 * What to send for one shipment, given the order as Amazon has it (undefined when the user turned
 * off the check). Throws InputError when the order cannot take this shipment.
 */
export function planShipment(input: ShipmentInput, order: AmazonOrder | undefined, options: { skipAlreadyConfirmed: boolean }): ShipmentPlan {
	if (!order) return { action: 'confirm', request: requestFor(input, requireMarketplace(input), requireItems(input)) };
	const { orderId } = input;
	const fail = (field: string, message: string, hint?: string) => new InputError(field, message, { orderId, hint });

	if (isFulfilledByAmazon(order)) {
		throw fail('Order ID', `Order ${orderId} is fulfilled by Amazon (FBA); Amazon ships it and confirms the shipment itself`, 'Confirm Shipment is for merchant-fulfilled (FBM) orders only.');
	}
	const status = order.fulfillment?.fulfillmentStatus;
	if (status === 'CANCELLED') throw fail('Order ID', `Order ${orderId} is canceled; there is nothing to ship`);
	if (status === 'PENDING' || status === 'PENDING_AVAILABILITY') {
		throw fail('Order ID', `Order ${orderId} is ${status}: its payment is not authorized yet, so Amazon does not take a shipment for it`, 'Wait until the order is UNSHIPPED.');
	}
	if (status === 'UNFULFILLABLE') throw fail('Order ID', `Order ${orderId} is UNFULFILLABLE`);

	const orderMarketplace = order.salesChannel?.marketplaceId;
	if (input.marketplaceId && orderMarketplace && input.marketplaceId !== orderMarketplace) {
		throw fail('Marketplace', `Marketplace ${input.marketplaceId} is not the order's marketplace (${orderMarketplace})`, 'Leave Marketplace empty to use the order\'s.');
	}
	const marketplaceId = input.marketplaceId || orderMarketplace;
	if (!marketplaceId) throw fail('Marketplace', `Amazon did not say which marketplace order ${orderId} belongs to; set Marketplace`);

	const samePackage = order.packages?.find((pkg) => pkg.packageReferenceId === input.packageReferenceId);
	if (samePackage) {
		const reason = `Package ${input.packageReferenceId} of order ${orderId} was already confirmed${samePackage.trackingNumber ? ` (tracking ${samePackage.trackingNumber})` : ''}`;
		if (options.skipAlreadyConfirmed) return { action: 'alreadyConfirmed', marketplaceId, reason };
		throw fail('Package Reference', reason, 'Use a new package reference for another package of the order, or turn on "Skip Already Confirmed" to re-run safely.');
	}
	const remaining = new Map(order.orderItems.map((item) => [item.orderItemId, itemQuantityRemaining(item)]));
	const nothingLeft = [...remaining.values()].every((quantity) => quantity === 0);
	if (status === 'SHIPPED' || nothingLeft) {
		const reason = `Order ${orderId} is already fully shipped`;
		if (options.skipAlreadyConfirmed) return { action: 'alreadyConfirmed', marketplaceId, reason };
		throw fail('Order ID', reason, 'Turn on "Skip Already Confirmed" to re-run a shipment workflow safely.');
	}
	if (Date.parse(input.shipDate) < Date.parse(order.createdTime)) {
		throw fail('Ship Date', `Ship Date ${input.shipDate} is before order ${orderId} was placed (${order.createdTime})`);
	}

	const lines = input.items ?? [...remaining].filter(([, quantity]) => quantity > 0).map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
	for (const line of lines) {
		const item = order.orderItems.find((candidate) => candidate.orderItemId === line.orderItemId);
		if (!item) {
			throw fail('Order Item ID', `Order item ${line.orderItemId} is not in order ${orderId}; its items are ${order.orderItems.map((i) => i.orderItemId).join(', ')}`);
		}
		const left = remaining.get(line.orderItemId) ?? 0;
		if ((line.quantity ?? 0) > left) {
			throw fail('Quantity', `Quantity ${line.quantity} of order item ${line.orderItemId} is above the ${left} unit(s) still to ship (${item.quantityOrdered} ordered, ${itemQuantityShipped(item)} shipped)`);
		}
	}
	return { action: 'confirm', request: requestFor(input, marketplaceId, lines) };
}

function requireMarketplace(input: ShipmentInput): string {
	if (input.marketplaceId) return input.marketplaceId;
	throw new InputError('Marketplace', 'Marketplace is empty; without "Verify Order First" the node cannot take it from the order', { orderId: input.orderId });
}

function requireItems(input: ShipmentInput): ItemLine[] {
	if (input.items) return input.items;
	throw new InputError('Items to Ship', 'Items to Ship is "All Unshipped Items", which needs "Verify Order First" to read the order; list the items instead', {
		orderId: input.orderId,
	});
}

function requestFor(input: ShipmentInput, marketplaceId: string, lines: ItemLine[]): ConfirmShipmentRequest {
	const packageDetail: ConfirmShipmentRequest['packageDetail'] = {
		packageReferenceId: input.packageReferenceId,
		carrierCode: input.carrierCode,
		trackingNumber: input.trackingNumber,
		shipDate: input.shipDate,
		orderItems: lines.map((line) => ({
			orderItemId: line.orderItemId,
			quantity: line.quantity ?? 1,
			...(line.transparencyCodes?.length ? { transparencyCodes: line.transparencyCodes } : {}),
		})),
	};
	if (input.carrierName) packageDetail.carrierName = input.carrierName;
	if (input.shippingMethod) packageDetail.shippingMethod = input.shippingMethod;
	if (input.shipFromSupplySourceId) packageDetail.shipFromSupplySourceId = input.shipFromSupplySourceId;
	return { marketplaceId, packageDetail };
}
