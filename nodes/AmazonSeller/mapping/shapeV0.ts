import { amountReader, currencyOf, V0_MONEY, type AmountReader } from './amounts';
import { readAddress, readInstructions, type AddressKeys } from './address';
import { OrderMappingError, withOrderId } from '../amazon/readError';
import { divideRounded } from '../amazon/money';
import { marketplaceById } from '../amazon/marketplaces';
import {
	emptyCharges,
	type Channel,
	type NormalizedBuyer,
	type NormalizedItem,
	type NormalizedOrder,
	type OrderStatus,
	type PointsGranted,
} from './normalizedOrder';
import {
	at,
	isRecord,
	optArray,
	optBool,
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
 * The Orders API v0 shape: an Order (getOrder/getOrders) whose items come from a second call
 * (getOrderItems), so stored data joins them as `{...order, OrderItems}` or `{order, items}`.
 */
const STATUSES: Record<string, OrderStatus> = {
	PendingAvailability: 'PENDING_AVAILABILITY',
	Pending: 'PENDING',
	Unshipped: 'UNSHIPPED',
	PartiallyShipped: 'PARTIALLY_SHIPPED',
	Shipped: 'SHIPPED',
	InvoiceUnconfirmed: 'INVOICE_UNCONFIRMED',
	Canceled: 'CANCELLED',
	Unfulfillable: 'UNFULFILLABLE',
};
const CHANNELS: Record<string, Channel> = { AFN: 'FBA', MFN: 'FBM' };

/** The v0 order and its item list, with the paths they were found at. */
export interface V0Parts {
	order: Json;
	orderPath: string;
	items: unknown;
	itemsPath: string;
}

export function normalizeV0(parts: V0Parts): NormalizedOrder {
	const orderId = reqString(parts.order, 'AmazonOrderId', parts.orderPath);
	return withOrderId(orderId, () => readV0(parts, orderId));
}

function readV0({ order, orderPath, items, itemsPath }: V0Parts, orderId: string): NormalizedOrder {
	const itemList = itemListOf(items, itemsPath);
	const marketplaceId = optString(order, 'MarketplaceId', orderPath);
	const marketplace = marketplaceById(marketplaceId);
	const warnings: string[] = [];

	const currency =
		currencyOf(order, 'OrderTotal', V0_MONEY) ??
		itemList.list.map((item) => (isRecord(item) ? currencyOf(item, 'ItemPrice', V0_MONEY) : undefined)).find(Boolean) ??
		marketplace?.currency;
	if (!currency) throw new OrderMappingError(at(orderPath, 'OrderTotal'), 'is missing, and no item price or known marketplace tells the currency');
	const amounts = amountReader(currency, at(at(orderPath, 'OrderTotal'), 'CurrencyCode'), V0_MONEY);

	if (!marketplace) {
		warnings.push(`Marketplace "${marketplaceId ?? '(none)'}" is not known; prices were read as excluding tax unless Amazon's total shows otherwise.`);
	}
	const amazonStatus = reqString(order, 'OrderStatus', orderPath);
	const replacement = optBool(order, 'IsReplacementOrder', orderPath) ?? false;

	return {
		shape: 'v0',
		orderId,
		sellerOrderId: optString(order, 'SellerOrderId', orderPath),
		marketplaceId,
		amazonStatus,
		status: mapped(STATUSES, amazonStatus, at(orderPath, 'OrderStatus')),
		channel: mapped(CHANNELS, reqString(order, 'FulfillmentChannel', orderPath), at(orderPath, 'FulfillmentChannel')),
		shipServiceLevel: optString(order, 'ShipServiceLevel', orderPath) ?? optString(order, 'ShipmentServiceLevelCategory', orderPath),
		purchaseDate: reqDate(order, 'PurchaseDate', orderPath),
		lastUpdateDate: optDate(order, 'LastUpdateDate', orderPath),
		earliestShipDate: optDate(order, 'EarliestShipDate', orderPath),
		latestShipDate: optDate(order, 'LatestShipDate', orderPath),
		earliestDeliveryDate: optDate(order, 'EarliestDeliveryDate', orderPath),
		latestDeliveryDate: optDate(order, 'LatestDeliveryDate', orderPath),
		isPrime: optBool(order, 'IsPrime', orderPath) ?? false,
		isBusinessOrder: optBool(order, 'IsBusinessOrder', orderPath) ?? false,
		isReplacement: replacement,
		replacedOrderId: optString(order, 'ReplacedOrderId', orderPath),
		buyer: readBuyer(order, orderPath),
		address: readAddress(optRecord(order, 'ShippingAddress', orderPath), at(orderPath, 'ShippingAddress'), ADDRESS_KEYS),
		// DeliveryPreferences come with getOrderAddress; stored data may join them to the order.
		addressInstructions: readInstructions(optRecord(order, 'DeliveryPreferences', orderPath), at(orderPath, 'DeliveryPreferences'), INSTRUCTION_KEYS),
		currency,
		exponent: amounts.exponent,
		orderTotal: amounts.opt(order, 'OrderTotal', orderPath),
		defaultTaxTreatment: marketplace?.pricesIncludeTax ? 'inclusive' : 'exclusive',
		orderCharges: [],
		items: records(itemList.list, itemList.path).map(([item, path]) => readItem(item, path, amounts)),
		warnings,
	};
}

function itemListOf(items: unknown, path: string): { list: unknown[]; path: string } {
	if (items === undefined || items === null) {
		throw new OrderMappingError(path, 'is missing: a v0 order carries no items; add the getOrderItems result as OrderItems (or pass {order, items})');
	}
	if (Array.isArray(items)) return { list: items, path };
	// A stored getOrderItems response: {OrderItems: [...]} or {payload: {OrderItems: [...]}}.
	if (isRecord(items)) {
		const inner = isRecord(items.payload) ? items.payload : items;
		const innerPath = inner === items ? path : at(path, 'payload');
		const list = optArray(inner, 'OrderItems', innerPath);
		if (list) return { list, path: at(innerPath, 'OrderItems') };
	}
	throw new OrderMappingError(path, 'must be the list of order items');
}

function mapped<T>(table: Record<string, T>, value: string, path: string): T {
	const result = table[value];
	if (result === undefined) throw new OrderMappingError(path, `"${value}" is not one of ${Object.keys(table).join(', ')}`);
	return result;
}

function readItem(item: Json, path: string, amounts: AmountReader): NormalizedItem {
	const charges = emptyCharges();
	charges.item = {
		amount: amounts.or0(item, 'ItemPrice', path),
		discount: Math.abs(amounts.or0(item, 'PromotionDiscount', path)),
		tax: amounts.or0(item, 'ItemTax', path),
		discountTax: Math.abs(amounts.or0(item, 'PromotionDiscountTax', path)),
	};
	charges.shipping = {
		amount: amounts.or0(item, 'ShippingPrice', path),
		discount: Math.abs(amounts.or0(item, 'ShippingDiscount', path)),
		tax: amounts.or0(item, 'ShippingTax', path),
		discountTax: Math.abs(amounts.or0(item, 'ShippingDiscountTax', path)),
	};
	const gift = optRecord(item, 'BuyerInfo', path) ?? {};
	const giftPath = at(path, 'BuyerInfo');
	charges.giftWrap.amount = amounts.or0(gift, 'GiftWrapPrice', giftPath);
	charges.giftWrap.tax = amounts.or0(gift, 'GiftWrapTax', giftPath);
	charges.codFee.amount = amounts.or0(item, 'CODFee', path);
	charges.codFee.discount = Math.abs(amounts.or0(item, 'CODFeeDiscount', path));

	const quantityOrdered = reqCount(item, 'QuantityOrdered', path);
	const giftMessage = optString(gift, 'GiftMessageText', giftPath);
	return {
		orderItemId: reqString(item, 'OrderItemId', path),
		sku: optString(item, 'SellerSKU', path),
		asin: optString(item, 'ASIN', path),
		title: optString(item, 'Title', path),
		conditionType: optString(item, 'ConditionId', path),
		conditionSubtype: optString(item, 'ConditionSubtypeId', path),
		conditionNote: optString(item, 'ConditionNote', path),
		quantityOrdered,
		quantityShipped: optCount(item, 'QuantityShipped', path),
		// v0 has no unit price: ItemPrice is the line total, so the unit price is derived from it.
		unitPrice: quantityOrdered > 0 ? divideRounded(charges.item.amount, quantityOrdered) : undefined,
		charges,
		isGift: (optBool(item, 'IsGift', path) ?? false) || giftMessage !== undefined || charges.giftWrap.amount !== 0,
		giftMessage,
		giftWrapLevel: optString(gift, 'GiftWrapLevel', giftPath),
		promotionIds: stringList(item, 'PromotionIds', path),
		priceDesignation: optString(item, 'PriceDesignation', path),
		serialNumbers: stringList(item, 'SerialNumbers', path),
		pointsGranted: readPoints(item, path, amounts),
	};
}

/** PointsGranted {PointsNumber, PointsMonetaryValue} (Amazon Points, JP). */
function readPoints(item: Json, path: string, amounts: AmountReader): PointsGranted | undefined {
	const granted = optRecord(item, 'PointsGranted', path);
	if (!granted) return undefined;
	const grantedPath = at(path, 'PointsGranted');
	const points = optCount(granted, 'PointsNumber', grantedPath);
	const value = amounts.opt(granted, 'PointsMonetaryValue', grantedPath);
	if (points === undefined && value === undefined) return undefined;
	return { points, value };
}

function readBuyer(order: Json, orderPath: string): NormalizedBuyer | undefined {
	// BuyerInfo is an object in SP-API; older stored data has its fields on the order itself.
	const info = optRecord(order, 'BuyerInfo', orderPath) ?? order;
	const path = info === order ? orderPath : at(orderPath, 'BuyerInfo');
	const taxInfo = optRecord(info, 'BuyerTaxInfo', path);
	const taxPath = at(path, 'BuyerTaxInfo');
	const turkish = optRecord(order, 'BuyerTaxInformation', orderPath);
	const classifications = records(taxInfo ? optArray(taxInfo, 'TaxClassifications', taxPath) : undefined, at(taxPath, 'TaxClassifications'));
	const buyer: NormalizedBuyer = {
		name: optString(info, 'BuyerName', path),
		email: optString(info, 'BuyerEmail', path),
		companyName:
			(taxInfo && optString(taxInfo, 'CompanyLegalName', taxPath)) ??
			(turkish && optString(turkish, 'BuyerLegalCompanyName', at(orderPath, 'BuyerTaxInformation'))),
		purchaseOrderNumber: optString(info, 'PurchaseOrderNumber', path),
		taxId:
			classifications.map(([entry, entryPath]) => optString(entry, 'Value', entryPath)).find(Boolean) ??
			(turkish && optString(turkish, 'BuyerTaxRegistrationId', at(orderPath, 'BuyerTaxInformation'))),
	};
	return Object.values(buyer).some((value) => value !== undefined) ? buyer : undefined;
}

const ADDRESS_KEYS: AddressKeys = {
	name: 'Name', companyName: 'CompanyName', line1: 'AddressLine1', line2: 'AddressLine2', line3: 'AddressLine3',
	city: 'City', district: 'District', county: 'County', stateOrRegion: 'StateOrRegion', municipality: 'Municipality',
	postalCode: 'PostalCode', countryCode: 'CountryCode', phone: 'Phone', addressType: 'AddressType',
};
const INSTRUCTION_KEYS: [string, string] = ['DropOffLocation', 'AddressInstructions'];
