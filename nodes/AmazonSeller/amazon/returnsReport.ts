import { cell, headerIndex, normalizeHeader, ReportFormatError, textLines } from './flatFile';
import { parseLocaleDate } from './localeValues';

/**
 * Readers of Amazon's two returns reports into one return shape:
 * - GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE (merchant-fulfilled, FBM): Order ID, Order date,
 *   Return request date, Return request status, Amazon RMA ID, Merchant RMA ID, Label type, Label
 *   cost, Currency code, Return carrier, Tracking ID, Label to be paid by, A-to-Z Claim, Is prime,
 *   ASIN, Merchant SKU, Item Name, Return quantity, Return Reason, In policy, Return type,
 *   Resolution, Invoice number, Return delivery date, Order Amount, Order quantity, SafeT…,
 *   Refunded Amount. One row per returned item of a return request.
 * - GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA (Amazon-fulfilled, FBA): return-date, order-id,
 *   sku, asin, fnsku, product-name, quantity, fulfillment-center-id, detailed-disposition,
 *   reason, status, license-plate-number, customer-comments. One row per unit batch received.
 * Headers are matched ignoring case, spaces, hyphens and underscores. Dates are read in any of
 * the locale formats of localeValues.ts, plus `07-Jan-2026` (the returns reports' own form).
 *
 * The return id: Amazon gives FBA returns none, and an FBM RMA covers every item of a request, so
 * `returnId` is built from what identifies a returned item and never changes afterwards:
 * - FBM with an Amazon RMA ID: `<RMA id>/<SKU, else ASIN>`;
 * - FBA with a license plate number (the label on the returned package): `fba/<order>/<SKU>/<LPN>`;
 * - otherwise: `fbm|fba/<order>/<SKU>/<return date>`.
 * Status, disposition and reason are left out on purpose (Amazon updates them on the same
 * return). Rows that still share an id in one report get `#2`, `#3`… in file order.
 * Pure: no n8n imports, no I/O.
 */
export const MERCHANT_RETURNS_REPORT_TYPE = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
export const FBA_RETURNS_REPORT_TYPE = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
export type ReturnsReportType = typeof MERCHANT_RETURNS_REPORT_TYPE | typeof FBA_RETURNS_REPORT_TYPE;

export interface AmazonReturn {
	returnId: string;
	/** What the id was built from: Amazon's RMA id, the FBA license plate, or order + SKU + date. */
	returnIdSource: 'rma' | 'licensePlate' | 'derived';
	reportType: ReturnsReportType;
	/** FBM (you shipped it, the return comes to you) or FBA (Amazon received it). */
	fulfilledBy: 'FBM' | 'FBA';
	orderId: string;
	sku: string | null;
	asin: string | null;
	fnsku: string | null;
	title: string | null;
	quantity: number;
	/** ISO 8601 UTC: FBM the return request date, FBA the date Amazon received the return. */
	returnDate: string;
	/** Amazon's reason code or text (FBM "Return Reason", FBA "reason"). */
	reason: string | null;
	/** FBA: the condition Amazon found (SELLABLE, CUSTOMER_DAMAGED, DEFECTIVE…); FBM: null (you inspect it). */
	disposition: string | null;
	/** FBM "Return request status" (Approved, Closed…); FBA "status" (Unit returned to inventory…). */
	status: string | null;
	amazonRmaId: string | null;
	merchantRmaId: string | null;
	trackingId: string | null;
	carrier: string | null;
	/** FBM: what the buyer gets (e.g. StandardRefund, Replacement). */
	resolution: string | null;
	returnType: string | null;
	inPolicy: boolean | null;
	returnDeliveryDate: string | null;
	fulfillmentCenterId: string | null;
	licensePlateNumber: string | null;
	customerComments: string | null;
	/** Row in the file (header = 1). */
	row: number;
}

const MERCHANT_COLUMNS = {
	orderId: 'order-id',
	returnRequestDate: 'return-request-date',
	status: 'return-request-status',
	amazonRmaId: 'amazon-rma-id',
	merchantRmaId: 'merchant-rma-id',
	carrier: 'return-carrier',
	trackingId: 'tracking-id',
	asin: 'asin',
	sku: 'merchant-sku',
	title: 'item-name',
	quantity: 'return-quantity',
	reason: 'return-reason',
	inPolicy: 'in-policy',
	returnType: 'return-type',
	resolution: 'resolution',
	returnDeliveryDate: 'return-delivery-date',
} as const;

const FBA_COLUMNS = {
	returnDate: 'return-date',
	orderId: 'order-id',
	sku: 'sku',
	asin: 'asin',
	fnsku: 'fnsku',
	title: 'product-name',
	quantity: 'quantity',
	fulfillmentCenterId: 'fulfillment-center-id',
	disposition: 'detailed-disposition',
	reason: 'reason',
	status: 'status',
	licensePlateNumber: 'license-plate-number',
	customerComments: 'customer-comments',
} as const;

/** Reads either returns report, recognised by its header. */
export function parseReturnsReport(text: string, reportType?: ReturnsReportType): AmazonReturn[] {
	const [header, ...rows] = textLines(text).map(({ line, row }) => ({ cells: line.split('\t'), row }));
	if (!header) throw new ReportFormatError(null, null, 'The returns report is empty: it has no header row');
	const parsedHeader: Header = { ...header, index: headerIndex(header.cells, header.row) };
	const type = reportType ?? detectType(parsedHeader);
	const returns = type === FBA_RETURNS_REPORT_TYPE ? readFba(parsedHeader, rows) : readMerchant(parsedHeader, rows);
	return numberDuplicates(returns);
}

function detectType(header: Header): ReturnsReportType {
	const index = header.index;
	if (index.has('detailed-disposition') || index.has('license-plate-number') || index.has('fulfillment-center-id')) return FBA_RETURNS_REPORT_TYPE;
	if (index.has('return-request-date') || index.has('amazon-rma-id')) return MERCHANT_RETURNS_REPORT_TYPE;
	throw new ReportFormatError(
		header.row,
		null,
		`the header is neither ${MERCHANT_RETURNS_REPORT_TYPE} (Order ID, Return request date, Amazon RMA ID…) nor ${FBA_RETURNS_REPORT_TYPE} (return-date, order-id, detailed-disposition…): it starts "${header.cells.slice(0, 4).join('\t')}"`,
	);
}

type Reader = (key: string) => string;

interface Columns<K extends string> {
	/** The cells of one row, by column key. */
	of(cells: string[]): Reader;
	/** The column's name as the header spells it, for errors. */
	name(key: K): string;
}

function columnsOf<K extends string>(columns: Record<K, string>, header: Header, required: K[], type: string): Columns<K> {
	const missing = required.filter((key) => !header.index.has(columns[key])).map((key) => columns[key]);
	if (missing.length > 0) throw new ReportFormatError(header.row, null, `the header lacks ${missing.join(', ')}, which a ${type} report has`);
	return {
		of: (cells) => (key) => cell(cells, header.index.get(columns[key as K])),
		name: (key) => {
			const position = header.index.get(columns[key]);
			return position === undefined ? columns[key] : header.cells[position].trim();
		},
	};
}

interface Header {
	cells: string[];
	row: number;
	index: Map<string, number>;
}

function readMerchant(header: Header, rows: Array<{ cells: string[]; row: number }>): AmazonReturn[] {
	const columns = columnsOf<keyof typeof MERCHANT_COLUMNS>(MERCHANT_COLUMNS, header, ['orderId', 'returnRequestDate', 'quantity'], MERCHANT_RETURNS_REPORT_TYPE);
	if (!header.index.has('merchant-sku') && !header.index.has('asin')) throw new ReportFormatError(header.row, null, 'the header has neither Merchant SKU nor ASIN');
	return rows.map(({ cells, row }) => {
		const get = columns.of(cells);
		const required = (key: keyof typeof MERCHANT_COLUMNS) => requiredCell(get, key, columns.name(key), row);
		const text = (key: keyof typeof MERCHANT_COLUMNS) => get(key) || null;
		const orderId = required('orderId');
		const sku = text('sku');
		const asin = text('asin');
		const returnDate = dateOf(required('returnRequestDate'), row, columns.name('returnRequestDate'));
		const rma = text('amazonRmaId');
		const deliveryDate = get('returnDeliveryDate');
		return {
			returnId: rma ? `${rma}/${sku ?? asin ?? ''}` : `fbm/${orderId}/${sku ?? asin ?? ''}/${returnDate}`,
			returnIdSource: rma ? 'rma' : 'derived',
			reportType: MERCHANT_RETURNS_REPORT_TYPE,
			fulfilledBy: 'FBM',
			orderId,
			sku,
			asin,
			fnsku: null,
			title: text('title'),
			quantity: quantityOf(get('quantity'), row, columns.name('quantity')),
			returnDate,
			reason: text('reason'),
			disposition: null,
			status: text('status'),
			amazonRmaId: rma,
			merchantRmaId: text('merchantRmaId'),
			trackingId: text('trackingId'),
			carrier: text('carrier'),
			resolution: text('resolution'),
			returnType: text('returnType'),
			inPolicy: flag(get('inPolicy')),
			returnDeliveryDate: deliveryDate ? dateOf(deliveryDate, row, columns.name('returnDeliveryDate')) : null,
			fulfillmentCenterId: null,
			licensePlateNumber: null,
			customerComments: null,
			row,
		};
	});
}

function readFba(header: Header, rows: Array<{ cells: string[]; row: number }>): AmazonReturn[] {
	const columns = columnsOf<keyof typeof FBA_COLUMNS>(FBA_COLUMNS, header, ['returnDate', 'orderId', 'sku', 'quantity'], FBA_RETURNS_REPORT_TYPE);
	return rows.map(({ cells, row }) => {
		const get = columns.of(cells);
		const required = (key: keyof typeof FBA_COLUMNS) => requiredCell(get, key, columns.name(key), row);
		const text = (key: keyof typeof FBA_COLUMNS) => get(key) || null;
		const orderId = required('orderId');
		const sku = required('sku');
		const returnDate = dateOf(required('returnDate'), row, columns.name('returnDate'));
		const lpn = text('licensePlateNumber');
		return {
			returnId: lpn ? `fba/${orderId}/${sku}/${lpn}` : `fba/${orderId}/${sku}/${returnDate}`,
			returnIdSource: lpn ? 'licensePlate' : 'derived',
			reportType: FBA_RETURNS_REPORT_TYPE,
			fulfilledBy: 'FBA',
			orderId,
			sku,
			asin: text('asin'),
			fnsku: text('fnsku'),
			title: text('title'),
			quantity: quantityOf(get('quantity'), row, columns.name('quantity')),
			returnDate,
			reason: text('reason'),
			disposition: text('disposition'),
			status: text('status'),
			amazonRmaId: null,
			merchantRmaId: null,
			trackingId: null,
			carrier: null,
			resolution: null,
			returnType: null,
			inPolicy: null,
			returnDeliveryDate: null,
			fulfillmentCenterId: text('fulfillmentCenterId'),
			licensePlateNumber: lpn,
			customerComments: text('customerComments'),
			row,
		};
	});
}

function requiredCell(get: Reader, key: string, column: string, row: number): string {
	const value = get(key);
	if (!value) throw new ReportFormatError(row, column, 'is empty');
	return value;
}

function quantityOf(text: string, row: number, column: string): number {
	if (!/^\d+$/.test(text)) throw new ReportFormatError(row, column, text ? `"${text}" is not a whole number of units` : 'is empty');
	return Number(text);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date in a locale format or ISO, or the returns reports' `07-Jan-2026` (day, English month, year). */
function dateOf(text: string, row: number, column: string): string {
	const named = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})(.*)$/.exec(text);
	if (named) {
		const month = MONTHS.indexOf(named[2].toLowerCase()) + 1;
		if (month === 0) throw new ReportFormatError(row, column, `"${text}" names no month`);
		const parsed = parseLocaleDate(`${named[3]}-${String(month).padStart(2, '0')}-${named[1].padStart(2, '0')}${named[4]}`);
		if (parsed.error !== undefined) throw new ReportFormatError(row, column, `"${text}" is not a date`);
		return parsed.value;
	}
	const parsed = parseLocaleDate(text);
	if (parsed.error !== undefined) throw new ReportFormatError(row, column, parsed.error);
	return parsed.value;
}

function flag(text: string): boolean | null {
	const value = normalizeHeader(text);
	if (value === 'y' || value === 'yes' || value === 'true') return true;
	if (value === 'n' || value === 'no' || value === 'false') return false;
	return null;
}

function numberDuplicates(returns: AmazonReturn[]): AmazonReturn[] {
	const seen = new Map<string, number>();
	for (const entry of returns) {
		const count = (seen.get(entry.returnId) ?? 0) + 1;
		seen.set(entry.returnId, count);
		if (count > 1) entry.returnId = `${entry.returnId}#${count}`;
	}
	return returns;
}
