/**
 * The two returns reports, one row per returned order line: GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA
 * (Amazon-fulfilled; columns as Amazon documents them) and GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE
 * (merchant-fulfilled; Amazon's column titles). Dates are ISO 8601 with an explicit offset, as the
 * simulator's other flat files; amounts have a decimal point (JPY: whole yen).
 */
import { formatAmount } from '../marketplaces';
import type { SimReturn } from './types';

export const FBA_RETURNS_REPORT_TYPE = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
export const MFN_RETURNS_REPORT_TYPE = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';

export const FBA_RETURNS_COLUMNS = [
	'return-date',
	'order-id',
	'sku',
	'asin',
	'fnsku',
	'product-name',
	'quantity',
	'fulfillment-center-id',
	'detailed-disposition',
	'reason',
	'status',
	'license-plate-number',
	'customer-comments',
];

export const MFN_RETURNS_COLUMNS = [
	'Order ID',
	'Order date',
	'Return request date',
	'Return request status',
	'Amazon RMA ID',
	'Merchant RMA ID',
	'Label type',
	'Label cost',
	'Currency code',
	'Return carrier',
	'Tracking ID',
	'Label to be paid by',
	'A-to-Z Claim',
	'Is prime',
	'ASIN',
	'Merchant SKU',
	'Item Name',
	'Return quantity',
	'Return Reason',
	'In policy',
	'Return type',
	'Resolution',
	'Invoice number',
	'Return delivery date',
	'Order Amount',
	'Order quantity',
	'SafeT Action reason',
	'SafeT claim id',
	'SafeT claim state',
	'SafeT claim creation time',
	'SafeT claim reimbursement amount',
	'Refunded Amount',
];

function date(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function amount(minor: number, currency: string): string {
	return currency === 'JPY' ? String(Math.round(minor / 100)) : formatAmount(minor);
}

const cell = (v: string) => v.replace(/[\t\r\n]+/g, ' ');

/** Which report lists a return and by which date it is selected. */
export function returnReportDate(reportType: string, r: SimReturn): number | undefined {
	if (reportType === FBA_RETURNS_REPORT_TYPE) return r.fulfillment === 'AFN' ? r.returnedAt : undefined;
	if (reportType === MFN_RETURNS_REPORT_TYPE) return r.fulfillment === 'MFN' ? r.requestedAt : undefined;
	return undefined;
}

export function renderReturnsReport(reportType: string, returns: ReadonlyArray<SimReturn>): string {
	const fba = reportType === FBA_RETURNS_REPORT_TYPE;
	const rows = [(fba ? FBA_RETURNS_COLUMNS : MFN_RETURNS_COLUMNS).join('\t')];
	for (const r of returns) {
		const cells = fba
			? [
					date(r.returnedAt),
					r.orderId,
					r.sku,
					r.asin,
					r.fnsku,
					r.title,
					String(r.quantity),
					r.fulfillmentCenterId ?? '',
					r.disposition,
					r.reason,
					r.status,
					r.licensePlateNumber ?? '',
					r.customerComments ?? '',
				]
			: [
					r.orderId,
					date(r.orderedAt),
					date(r.requestedAt),
					r.status,
					r.rmaId ?? '',
					'',
					'AmazonUnPaidLabel',
					amount(r.labelCost, r.currency),
					r.currency,
					r.carrier ?? '',
					r.trackingId ?? '',
					r.reason === 'DEFECTIVE' || r.reason === 'NOT_AS_DESCRIBED' || r.reason === 'DAMAGED_BY_CARRIER' ? 'Seller' : 'Customer',
					'N',
					r.prime ? 'Y' : 'N',
					r.asin,
					r.sku,
					r.title,
					String(r.quantity),
					r.reason,
					'Y',
					'C-Returns',
					'StandardRefund',
					'',
					date(r.returnedAt),
					amount(r.orderAmount, r.currency),
					String(r.orderQuantity),
					'',
					'',
					'',
					'',
					'',
					r.refundedAmount === undefined ? '' : amount(r.refundedAmount, r.currency),
				];
		rows.push(cells.map(cell).join('\t'));
	}
	return rows.join('\n') + '\n';
}
