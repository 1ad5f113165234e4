import { amountReader, currencyOf, MONEY_2026, type AmountReader } from './amounts';
import { readAddress, readInstructions, type AddressKeys } from './address';
import { OrderMappingError, withOrderId } from '../amazon/readError';
import { marketplaceById } from '../amazon/marketplaces';
import { isOrderStatus, ORDER_STATUSES } from '../amazon/orders';
import { readProceeds } from './proceeds2026';
import {
	type Channel,
	type NormalizedBuyer,
	type NormalizedItem,
	type NormalizedOrder,
	type OrderCharge,
	type OrderStatus,
	type PointsGranted,
} from './normalizedOrder';
import {
	at,
	isRecord,
	optArray,
	optCount,
	optDate,
	optRecord,
	optString,
	records,
	reqCount,
	reqDate,
	reqString,
	stringList,
	type Json,
} from '../amazon/read';

/**
 * The Orders API 2026-01-01 shape (searchOrders/getOrder): items are always included, while
 * buyer, recipient, proceeds, fulfilment and tax sections come only when asked for with
 * `includedData`, so each one is optional here except FULFILLMENT, without which the channel
 * (and so what the ERP must do) is unknown.
 */
const CHANNELS: Record<string, Channel> = { AMAZON: 'FBA', MERCHANT: 'FBM' };
/** Statuses for which Amazon omits PROCEEDS: the amounts are not final (pending) or void (cancelled). */
export const PROCEEDS_WITHHELD: OrderStatus[] = ['PENDING', 'PENDING_AVAILABILITY', 'CANCELLED'];

export function normalize2026(order: Json, path: string): NormalizedOrder {
	const orderId = reqString(order, 'orderId', path);
	return withOrderId(orderId, () => read2026(order, path, orderId));
}

function read2026(order: Json, path: string, orderId: string): NormalizedOrder {
	const itemsList = optArray(order, 'orderItems', path);
	if (!itemsList) throw new OrderMappingError(at(path, 'orderItems'), 'is missing');
	const items = records(itemsList, at(path, 'orderItems'));
	const salesChannel = optRecord(order, 'salesChannel', path) ?? {};
	const marketplaceId = optString(salesChannel, 'marketplaceId', at(path, 'salesChannel'));
	const proceeds = optRecord(order, 'proceeds', path);
	const warnings: string[] = [];

	const amounts = readerFor(order, path, proceeds, items, marketplaceId);
	const fulfillment = optRecord(order, 'fulfillment', path);
	const fulfillmentPath = at(path, 'fulfillment');
	if (!fulfillment) {
		throw new OrderMappingError(fulfillmentPath, 'is missing: ask Amazon for includedData FULFILLMENT, which tells FBA from FBM and the order status');
	}
	const amazonStatus = reqString(fulfillment, 'fulfillmentStatus', fulfillmentPath);
	if (!isOrderStatus(amazonStatus)) {
		throw new OrderMappingError(at(fulfillmentPath, 'fulfillmentStatus'), `"${amazonStatus}" is not one of ${ORDER_STATUSES.join(', ')}`);
	}
	const fulfilledBy = reqString(fulfillment, 'fulfilledBy', fulfillmentPath);
	const channel = CHANNELS[fulfilledBy];
	if (!channel) throw new OrderMappingError(at(fulfillmentPath, 'fulfilledBy'), `"${fulfilledBy}" is not one of AMAZON, MERCHANT`);

	const programs = stringList(order, 'programs', path);
	const replaced = records(optArray(order, 'associatedOrders', path), at(path, 'associatedOrders')).find(
		([entry, entryPath]) => optString(entry, 'associationType', entryPath) === 'REPLACEMENT_ORIGINAL_ID',
	);
	const alias = records(optArray(order, 'orderAliases', path), at(path, 'orderAliases')).find(
		([entry, entryPath]) => optString(entry, 'aliasType', entryPath) === 'SELLER_ORDER_ID',
	);
	const recipient = optRecord(order, 'recipient', path);
	const recipientPath = at(path, 'recipient');
	const shipBy = optRecord(fulfillment, 'shipByWindow', fulfillmentPath) ?? {};
	const deliverBy = optRecord(fulfillment, 'deliverByWindow', fulfillmentPath) ?? {};

	const normalizedItems = items.map(([item, itemPath]) => readItem(item, itemPath, amounts));
	const withoutProceeds = items.filter(([item]) => !isRecord(item.proceeds)).length;
	if (withoutProceeds > 0) {
		// Amazon leaves PROCEEDS out of pending and cancelled orders even when asked for them.
		const why = PROCEEDS_WITHHELD.includes(amazonStatus as OrderStatus)
			? `Amazon sends no PROCEEDS for ${amazonStatus === 'CANCELLED' ? 'cancelled' : 'pending'} orders`
			: 'not requested with includedData';
		warnings.push(
			`${withoutProceeds} of ${items.length} items came without PROCEEDS (${why}): their amounts are unit price × quantity, without tax, discounts, shipping or gift wrap.`,
		);
	}

	return {
		shape: '2026-01-01',
		orderId,
		sellerOrderId: alias ? optString(alias[0], 'aliasId', alias[1]) : undefined,
		marketplaceId,
		amazonStatus,
		status: amazonStatus as OrderStatus,
		channel,
		shipServiceLevel: optString(fulfillment, 'fulfillmentServiceLevel', fulfillmentPath),
		purchaseDate: reqDate(order, 'createdTime', path),
		lastUpdateDate: optDate(order, 'lastUpdatedTime', path),
		earliestShipDate: optDate(shipBy, 'earliestDateTime', at(fulfillmentPath, 'shipByWindow')),
		latestShipDate: optDate(shipBy, 'latestDateTime', at(fulfillmentPath, 'shipByWindow')),
		earliestDeliveryDate: optDate(deliverBy, 'earliestDateTime', at(fulfillmentPath, 'deliverByWindow')),
		latestDeliveryDate: optDate(deliverBy, 'latestDateTime', at(fulfillmentPath, 'deliverByWindow')),
		isPrime: programs.includes('PRIME'),
		isBusinessOrder: programs.includes('AMAZON_BUSINESS'),
		isReplacement: replaced !== undefined,
		replacedOrderId: replaced ? optString(replaced[0], 'orderId', replaced[1]) : undefined,
		buyer: readBuyer(order, path),
		address: readAddress(recipient && optRecord(recipient, 'deliveryAddress', recipientPath), at(recipientPath, 'deliveryAddress'), ADDRESS_KEYS),
		addressInstructions: readInstructions(
			recipient && optRecord(recipient, 'deliveryPreference', recipientPath),
			at(recipientPath, 'deliveryPreference'),
			INSTRUCTION_KEYS,
		),
		currency: amounts.currency,
		exponent: amounts.exponent,
		orderTotal: proceeds ? amounts.opt(proceeds, 'grandTotal', at(path, 'proceeds')) : undefined,
		// The model's proceeds add up (grandTotal = sum of breakdowns, TAX included), so ITEM is
		// read as excluding tax in every marketplace; lines.ts switches when Amazon's total disagrees.
		defaultTaxTreatment: 'exclusive',
		orderCharges: proceeds ? readOrderCharges(proceeds, at(path, 'proceeds'), amounts) : [],
		items: normalizedItems,
		warnings,
	};
}

function readerFor(order: Json, path: string, proceeds: Json | undefined, items: Array<[Json, string]>, marketplaceId?: string): AmountReader {
	const fromItems = items
		.map(([item]) => {
			const product = isRecord(item.product) ? item.product : undefined;
			const price = product && isRecord(product.price) ? product.price : undefined;
			return currencyOf(price, 'unitPrice', MONEY_2026) ?? currencyOf(isRecord(item.proceeds) ? item.proceeds : undefined, 'proceedsTotal', MONEY_2026);
		})
		.find(Boolean);
	const currency = currencyOf(proceeds, 'grandTotal', MONEY_2026) ?? fromItems ?? marketplaceById(marketplaceId)?.currency;
	if (!currency) throw new OrderMappingError(at(path, 'proceeds'), 'is missing, and no item price or known marketplace tells the currency');
	return amountReader(currency, at(at(at(path, 'proceeds'), 'grandTotal'), 'currencyCode'), MONEY_2026);
}

function readItem(item: Json, path: string, amounts: AmountReader): NormalizedItem {
	const product = optRecord(item, 'product', path);
	if (!product) throw new OrderMappingError(at(path, 'product'), 'is missing');
	const productPath = at(path, 'product');
	const condition = optRecord(product, 'condition', productPath) ?? {};
	const conditionPath = at(productPath, 'condition');
	const price = optRecord(product, 'price', productPath) ?? {};
	const unitPrice = amounts.opt(price, 'unitPrice', at(productPath, 'price'));
	const quantityOrdered = reqCount(item, 'quantityOrdered', path);
	const fulfillment = optRecord(item, 'fulfillment', path) ?? {};
	const fulfillmentPath = at(path, 'fulfillment');
	const packing = optRecord(fulfillment, 'packing', fulfillmentPath) ?? {};
	const giftOption = optRecord(packing, 'giftOption', at(fulfillmentPath, 'packing'));
	const giftPath = at(at(fulfillmentPath, 'packing'), 'giftOption');
	const promotion = optRecord(item, 'promotion', path) ?? {};
	const proceeds = optRecord(item, 'proceeds', path);

	const charges = readProceeds(proceeds, at(path, 'proceeds'), amounts);
	// Without PROCEEDS only the unit price is known: the line is priced at unit price × quantity.
	if (!proceeds && unitPrice !== undefined) charges.item.amount = unitPrice * quantityOrdered;

	return {
		orderItemId: reqString(item, 'orderItemId', path),
		sku: optString(product, 'sellerSku', productPath),
		asin: optString(product, 'asin', productPath),
		title: optString(product, 'title', productPath),
		conditionType: optString(condition, 'conditionType', conditionPath),
		conditionSubtype: optString(condition, 'conditionSubtype', conditionPath),
		conditionNote: optString(condition, 'conditionNote', conditionPath),
		quantityOrdered,
		quantityShipped: optCount(fulfillment, 'quantityFulfilled', fulfillmentPath),
		unitPrice,
		charges,
		isGift: giftOption !== undefined,
		giftMessage: giftOption && optString(giftOption, 'giftMessage', giftPath),
		giftWrapLevel: giftOption && optString(giftOption, 'giftWrapLevel', giftPath),
		promotionIds: records(optArray(promotion, 'breakdowns', at(path, 'promotion')), at(at(path, 'promotion'), 'breakdowns'))
			.map(([entry, entryPath]) => optString(entry, 'promotionId', entryPath))
			.filter((id): id is string => id !== undefined),
		priceDesignation: optString(price, 'priceDesignation', at(productPath, 'price')),
		serialNumbers: stringList(product, 'serialNumbers', productPath),
		pointsGranted: readPoints(item, path, amounts),
	};
}

/** expense.pointsCost.pointsGranted {pointsNumber, pointsMonetaryValue} (includedData EXPENSE). */
function readPoints(item: Json, path: string, amounts: AmountReader): PointsGranted | undefined {
	const expense = optRecord(item, 'expense', path);
	const expensePath = at(path, 'expense');
	const cost = expense && optRecord(expense, 'pointsCost', expensePath);
	const costPath = at(expensePath, 'pointsCost');
	const granted = cost && optRecord(cost, 'pointsGranted', costPath);
	if (!granted) return undefined;
	const grantedPath = at(costPath, 'pointsGranted');
	const points = optCount(granted, 'pointsNumber', grantedPath);
	const value = amounts.opt(granted, 'pointsMonetaryValue', grantedPath);
	if (points === undefined && value === undefined) return undefined;
	return { points, value };
}

/** Order-level proceeds not attributed to any item (DELIVERY_TIP); the rest are item aggregates. */
function readOrderCharges(proceeds: Json, path: string, amounts: AmountReader): OrderCharge[] {
	const breakdowns = records(optArray(proceeds, 'breakdowns', path), at(path, 'breakdowns'));
	return breakdowns
		.filter(([entry, entryPath]) => optString(entry, 'type', entryPath) === 'DELIVERY_TIP')
		.map(([entry, entryPath]) => ({
			code: 'DELIVERY_TIP',
			amount: amounts.or0(entry, 'subtotal', entryPath),
			status: optString(entry, 'status', entryPath),
		}));
}


function readBuyer(order: Json, path: string): NormalizedBuyer | undefined {
	const buyer = optRecord(order, 'buyer', path);
	const buyerPath = at(path, 'buyer');
	const tax = optRecord(order, 'tax', path);
	const registrationsPath = at(at(path, 'tax'), 'taxRegistrations');
	const registration = records(tax ? optArray(tax, 'taxRegistrations', at(path, 'tax')) : undefined, registrationsPath).find(
		([entry, entryPath]) => optString(entry, 'entityType', entryPath) === 'BUYER',
	);
	if (!buyer && !registration) return undefined;
	return {
		name: buyer && optString(buyer, 'buyerName', buyerPath),
		email: buyer && optString(buyer, 'buyerEmail', buyerPath),
		companyName: (buyer && optString(buyer, 'buyerCompanyName', buyerPath)) ?? (registration && optString(registration[0], 'legalName', registration[1])),
		purchaseOrderNumber: buyer && optString(buyer, 'buyerPurchaseOrderNumber', buyerPath),
		taxId: registration && optString(registration[0], 'taxRegistrationNumber', registration[1]),
	};
}

const ADDRESS_KEYS: AddressKeys = {
	name: 'name', companyName: 'companyName', line1: 'addressLine1', line2: 'addressLine2', line3: 'addressLine3',
	city: 'city', district: 'districtOrCounty', county: 'county', stateOrRegion: 'stateOrRegion', municipality: 'municipality',
	postalCode: 'postalCode', countryCode: 'countryCode', phone: 'phone', addressType: 'addressType',
};
const INSTRUCTION_KEYS: [string, string] = ['dropOffLocation', 'addressInstruction'];
