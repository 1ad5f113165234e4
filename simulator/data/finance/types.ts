/**
 * The simulator's money model. One `MoneyTransaction` is one financial event as Amazon posts it (a
 * shipment's sale and fees, a refund, a chargeback, an account-level service fee); the three
 * public views (Finances 2024-06-19 transactions, Finances v0 events, the settlement flat file)
 * are renderings of the same records, so they cannot disagree. Amounts are integer minor units
 * (hundredths, JPY included, as everywhere in the simulator), signed from the seller's side:
 * money Amazon pays the seller is positive, fees and refunds are negative.
 */
import type { AccountKey } from '../accounts';
import type { Region } from '../marketplaces';

export type MoneyKind = 'Shipment' | 'Refund' | 'Chargeback' | 'ServiceFee';

/** Finances 2024-06-19 `transactionStatus`. */
export type TransactionStatus = 'DEFERRED' | 'RELEASED' | 'DEFERRED_RELEASED';

/**
 * One amount. `list` says where v0 puts it: ItemCharge(Adjustment)List, ItemFee(Adjustment)List or
 * the ServiceFeeEvent FeeList, Promotion(Adjustment)List, ItemTaxWithheldList.
 */
export interface MoneyComponent {
	list: 'charge' | 'fee' | 'promotion' | 'withheld';
	/** v0 ChargeType / FeeType / PromotionType: Principal, Tax, ShippingCharge, Commission, ... */
	type: string;
	amount: number;
	promotionId?: string;
}

export interface MoneyItem {
	orderItemId: string;
	sku: string;
	asin: string;
	title: string;
	quantity: number;
	/** Refunds and chargebacks: Amazon's OrderAdjustmentItemId. */
	adjustmentItemId?: string;
	components: MoneyComponent[];
}

export interface MoneyTransaction {
	/** Finances 2024-06-19 transactionId. */
	transactionId: string;
	kind: MoneyKind;
	account: AccountKey;
	sellerId: string;
	marketplaceId: string;
	currency: string;
	orderId?: string;
	/** Shipments: the settlement file's shipment-id (2024-06-19 SHIPMENT_ID). */
	shipmentId?: string;
	/** Refunds and chargebacks: the settlement file's adjustment-id (2024-06-19 REFUND_ID). */
	adjustmentId?: string;
	fulfillment?: 'AFN' | 'MFN';
	postedAt: number;
	/** Set when Amazon held the money first (DD7: delivery date + 7 days). */
	deferral?: { reason: string; maturity: number };
	status: TransactionStatus;
	/** When the money became part of a settlement period (undefined while DEFERRED). */
	releasedAt?: number;
	settlement?: SettlementPeriod;
	items: MoneyItem[];
	/** Account-level fees (ServiceFee transactions): the v0 FeeList. */
	fees: MoneyComponent[];
	/** ServiceFee: 'Subscription Fee', 'Storage Fee' (the settlement file's amount-description). */
	feeDescription?: string;
	/** Refunds, chargebacks: why (for Order Refunded events). */
	reason?: string;
	/** Σ of every component. */
	total: number;
}

export interface SettlementPeriod {
	account: AccountKey;
	sellerId: string;
	region: Region;
	currency: string;
	/** The account's marketplaces that sell in this currency (the report's marketplaceIds). */
	marketplaceIds: string[];
	/** The settlement file's settlement-id (2024-06-19 SETTLEMENT_ID). */
	settlementId: string;
	/** Finances v0 FinancialEventGroupId (2024-06-19 FINANCIAL_EVENT_GROUP_ID). */
	groupId: string;
	/** 0 for the period open at start-up, then 1, 2, ... */
	index: number;
	start: number;
	/** The planned close while open; the actual close once closed. */
	end: number;
	status: 'Open' | 'Closed';
	/** In release order. */
	transactions: MoneyTransaction[];
	/** Σ transaction totals = the deposit once closed (negative: Amazon charges the seller's card). */
	total: number;
	/** Closed periods: when the disbursement was initiated (v0 FundTransferDate, the file's deposit-date). */
	depositDate?: number;
	traceId?: string;
	accountTail: string;
	/** The GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 report generated at close. */
	reportId?: string;
}

export type ReturnDisposition = 'SELLABLE' | 'CUSTOMER_DAMAGED' | 'DEFECTIVE' | 'CARRIER_DAMAGED' | 'DAMAGED';

/** A customer return: what the two returns reports list. */
export interface SimReturn {
	returnId: string;
	orderId: string;
	account: AccountKey;
	sellerId: string;
	marketplaceId: string;
	currency: string;
	/** AFN: GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA; MFN: GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE. */
	fulfillment: 'AFN' | 'MFN';
	orderItemId: string;
	sku: string;
	asin: string;
	fnsku: string;
	title: string;
	quantity: number;
	orderedAt: number;
	/** MFN: the buyer's return request (the report's "Return request date"). AFN: equals returnedAt. */
	requestedAt: number;
	/** AFN: received at the fulfilment centre (return-date); MFN: delivered back to the seller. */
	returnedAt: number;
	/** Amazon's reason code, e.g. UNWANTED_ITEM, DEFECTIVE. */
	reason: string;
	disposition: ReturnDisposition;
	/** AFN status column, MFN "Return request status". */
	status: string;
	fulfillmentCenterId?: string;
	licensePlateNumber?: string;
	customerComments?: string;
	rmaId?: string;
	carrier?: string;
	trackingId?: string;
	labelCost: number;
	/** Total ordered amount and units of the returned order line. */
	orderAmount: number;
	orderQuantity: number;
	/** The refund that followed, once posted. */
	refundTransactionId?: string;
	refundedAmount?: number;
	prime: boolean;
}
