import { currencyExponent } from './currencies';
import { OrderMappingError } from './readError';
import { at, isRecord, type Json } from './read';
import { headerIndex, LineSplitter, ReportFormatError } from './flatFile';
import { cachedDateParser, readAmount, type ParsedDate } from './localeValues';

/**
 * Reader of Amazon's settlement report, GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: the statement
 * Amazon writes when a settlement period closes (about every 14 days per account and currency).
 * Tab-separated; after the header, the first row is the summary (settlement id, period, deposit
 * date, total-amount = the bank deposit, currency), every later row one amount of the settlement.
 *
 * Amounts become integer minor units of the settlement's currency and dates ISO 8601 in UTC,
 * whatever the marketplace's locale (see localeValues.ts). The report's own invariant, that the
 * rows add up to total-amount, is checked and its outcome reported, never hidden or forced.
 * Errors name the row (header = row 1) and the column. Pure: no n8n imports, no I/O; text may be
 * fed in chunks (a decompressed download) through SettlementReportParser.
 */
export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

export interface SettlementSummary {
	settlementId: string;
	/** Period start and end, ISO 8601 UTC date-times. */
	start: string;
	end: string;
	/** When Amazon initiated the transfer, ISO 8601 UTC; null if the report leaves it empty. */
	depositDate: string | null;
	/** The deposit (negative: Amazon charges the seller), in minor units of `currency`. */
	totalAmount: number;
	currency: string;
	/** Decimals of `currency` (EUR 2, JPY 0): minor units ÷ 10^exponent = the amount. */
	exponent: number;
}

export interface SettlementLine {
	/** Row in the file (header = 1), for tracing a figure back to Amazon's report. */
	row: number;
	transactionType: string;
	orderId: string | null;
	merchantOrderId: string | null;
	adjustmentId: string | null;
	shipmentId: string | null;
	marketplaceName: string | null;
	amountType: string;
	amountDescription: string;
	/** Minor units, Amazon's sign: positive is owed to the seller, negative is charged. */
	amount: number;
	fulfillmentId: string | null;
	/** `YYYY-MM-DD`. */
	postedDate: string | null;
	/** ISO 8601 UTC date-time. */
	postedDateTime: string | null;
	orderItemCode: string | null;
	merchantOrderItemId: string | null;
	merchantAdjustmentItemId: string | null;
	sku: string | null;
	quantityPurchased: number | null;
	promotionId: string | null;
}

export interface SettlementReconciliation {
	/** The rows add up to total-amount. */
	ok: boolean;
	/** Sum of every row's amount, minor units. */
	linesTotal: number;
	totalAmount: number;
	/** linesTotal − totalAmount. */
	difference: number;
}

export interface SettlementReport {
	summary: SettlementSummary;
	lines: SettlementLine[];
	reconciliation: SettlementReconciliation;
}

/** The columns read; the summary ones are required, the others may be absent from a file. */
const COLUMNS = {
	settlementId: 'settlement-id',
	start: 'settlement-start-date',
	end: 'settlement-end-date',
	depositDate: 'deposit-date',
	totalAmount: 'total-amount',
	currency: 'currency',
	transactionType: 'transaction-type',
	orderId: 'order-id',
	merchantOrderId: 'merchant-order-id',
	adjustmentId: 'adjustment-id',
	shipmentId: 'shipment-id',
	marketplaceName: 'marketplace-name',
	amountType: 'amount-type',
	amountDescription: 'amount-description',
	amount: 'amount',
	fulfillmentId: 'fulfillment-id',
	postedDate: 'posted-date',
	postedDateTime: 'posted-date-time',
	orderItemCode: 'order-item-code',
	merchantOrderItemId: 'merchant-order-item-id',
	merchantAdjustmentItemId: 'merchant-adjustment-item-id',
	sku: 'sku',
	quantityPurchased: 'quantity-purchased',
	promotionId: 'promotion-id',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['settlementId', 'start', 'end', 'totalAmount', 'currency', 'transactionType', 'amountType', 'amountDescription', 'amount'];

/** Reads a whole settlement report held in memory. */
export function parseSettlementReport(text: string): SettlementReport {
	const parser = new SettlementReportParser();
	parser.write(text);
	return parser.end();
}

/**
 * Reads a settlement report fed in chunks of decoded text; `end()` returns the report.
 *
 * Speed: a line is not split into an array; cell boundaries go into one reused buffer, amounts
 * and quantities are read in place, and a cell equal to the same column's cell on the row before
 * (the common case: an order's rows repeat its id, SKU, dates, marketplace) reuses that string
 * instead of copying it again. Few-valued columns (types, descriptions) share one string per
 * value. This keeps a 100,000-line report to about one object per row.
 */
export class SettlementReportParser {
	private readonly splitter = new LineSplitter((text, start, end, row) => this.line(text, start, end, row));
	private columns: Record<Column, number | undefined> | undefined;
	private positions: Int32Array = new Int32Array(0);
	private summary: SettlementSummary | undefined;
	private readonly lines: SettlementLine[] = [];
	private linesTotal = 0;
	private readonly date = cachedDateParser();
	/** Cell boundaries of the current line: start and end of each file column. */
	private bounds = new Int32Array(64);
	private cellCount = 0;
	private source = '';
	/** Per file column: the previous row's string, and the last date text with its parsed value. */
	private previous: string[] = [];
	private previousDate: Array<{ raw: string; value: string } | undefined> = [];
	private readonly interned = new Map<string, string>();

	write(chunk: string): void {
		this.splitter.push(chunk);
	}

	end(): SettlementReport {
		this.splitter.end();
		if (!this.columns) throw new ReportFormatError(null, null, 'The settlement report is empty: it has no header row');
		const summary = this.summary;
		if (!summary) throw new ReportFormatError(null, null, 'The settlement report has a header but no summary row');
		const difference = this.linesTotal - summary.totalAmount;
		return {
			summary,
			lines: this.lines,
			reconciliation: { ok: difference === 0, linesTotal: this.linesTotal, totalAmount: summary.totalAmount, difference },
		};
	}

	private line(text: string, start: number, end: number, row: number): void {
		this.cut(text, start, end);
		if (this.blank()) return;
		if (!this.columns) {
			this.columns = readHeader(text.slice(start, end).split('\t'), row);
			const columns = this.columns;
			this.positions = Int32Array.from((Object.keys(COLUMNS) as Column[]).map((key) => columns[key] ?? -1));
			return;
		}
		if (!this.summary) {
			this.summary = this.readSummary(row);
			return;
		}
		this.lines.push(this.readLine(row));
	}

	/** Records where each cell of text[start, end) begins and ends. */
	private cut(text: string, start: number, end: number): void {
		this.source = text;
		let count = 0;
		let position = start;
		for (;;) {
			if (2 * count + 2 > this.bounds.length) {
				const grown = new Int32Array(this.bounds.length * 2);
				grown.set(this.bounds);
				this.bounds = grown;
			}
			const tab = text.indexOf('\t', position);
			const stop = tab === -1 || tab >= end ? end : tab;
			this.bounds[2 * count] = position;
			this.bounds[2 * count + 1] = stop;
			count++;
			if (stop === end) break;
			position = stop + 1;
		}
		this.cellCount = count;
	}

	private blank(): boolean {
		for (let cellIndex = 0; cellIndex < this.cellCount; cellIndex++) {
			for (let at = this.bounds[2 * cellIndex]; at < this.bounds[2 * cellIndex + 1]; at++) {
				if (this.source.charCodeAt(at) !== 32) return false;
			}
		}
		return true;
	}

	/**
	 * Puts the trimmed bounds of a column's cell on the current line in cellStart/cellEnd (no
	 * array is made per cell); false when the cell is empty or the line has no such column.
	 */
	private cellStart = 0;
	private cellEnd = 0;
	private range(column: Column): boolean {
		const position = this.positions[COLUMN_INDEX[column]];
		if (position < 0 || position >= this.cellCount) {
			this.cellStart = this.cellEnd = 0;
			return false;
		}
		let start = this.bounds[2 * position];
		let end = this.bounds[2 * position + 1];
		while (start < end && isSpace(this.source.charCodeAt(start))) start++;
		while (end > start && isSpace(this.source.charCodeAt(end - 1))) end--;
		this.cellStart = start;
		this.cellEnd = end;
		return start !== end;
	}

	/** A cell's text; the previous row's string when equal, so repeated values are not copied. */
	private text(column: Column, intern = false): string {
		if (!this.range(column)) return '';
		const start = this.cellStart;
		const end = this.cellEnd;
		const index = COLUMN_INDEX[column];
		const previous = this.previous[index];
		if (previous !== undefined && previous.length === end - start && this.source.startsWith(previous, start)) return previous;
		let value = this.source.slice(start, end);
		if (intern) {
			const shared = this.interned.get(value);
			if (shared !== undefined) value = shared;
			else if (this.interned.size < 10_000) this.interned.set(value, value);
		}
		this.previous[index] = value;
		return value;
	}

	private readSummary(row: number): SettlementSummary {
		const required = (column: Column) => {
			const value = this.text(column);
			if (!value) throw new ReportFormatError(row, COLUMNS[column], 'is empty, but the first row after the header is the settlement summary and needs it');
			return value;
		};
		const currency = required('currency').toUpperCase();
		const exponent = currencyExponent(currency);
		if (exponent === undefined) throw new ReportFormatError(row, COLUMNS.currency, `"${currency}" is not an ISO 4217 currency code`);
		const depositDate = this.text('depositDate');
		for (const column of ['start', 'end', 'totalAmount'] as Column[]) required(column);
		return {
			settlementId: required('settlementId'),
			start: this.dateValue('start', row),
			end: this.dateValue('end', row),
			depositDate: depositDate ? this.dateValue('depositDate', row) : null,
			totalAmount: this.amountValue('totalAmount', exponent, row),
			currency,
			exponent,
		};
	}

	private readLine(row: number): SettlementLine {
		const summary = this.summary as SettlementSummary;
		const settlementId = this.text('settlementId');
		if (settlementId !== summary.settlementId) {
			throw new ReportFormatError(row, COLUMNS.settlementId, `is "${settlementId}" but the summary row is settlement ${summary.settlementId}: a report holds one settlement`);
		}
		if (this.range('totalAmount')) {
			throw new ReportFormatError(row, COLUMNS.totalAmount, 'is set on a row after the summary: only the first row after the header carries the settlement total');
		}
		if (!this.range('amount')) throw new ReportFormatError(row, COLUMNS.amount, 'is empty: every row after the summary is one amount');
		const amount = this.amountValue('amount', summary.exponent, row);
		this.linesTotal += amount;
		return {
			row,
			transactionType: this.text('transactionType', true),
			orderId: this.text('orderId') || null,
			merchantOrderId: this.text('merchantOrderId') || null,
			adjustmentId: this.text('adjustmentId') || null,
			shipmentId: this.text('shipmentId') || null,
			marketplaceName: this.text('marketplaceName', true) || null,
			amountType: this.text('amountType', true),
			amountDescription: this.text('amountDescription', true),
			amount,
			fulfillmentId: this.text('fulfillmentId', true) || null,
			// posted-date is a day; a file giving a time there keeps only its (UTC) day.
			postedDate: this.range('postedDate') ? this.dateValue('postedDate', row, true) : null,
			postedDateTime: this.range('postedDateTime') ? this.dateValue('postedDateTime', row) : null,
			orderItemCode: this.text('orderItemCode') || null,
			merchantOrderItemId: this.text('merchantOrderItemId') || null,
			merchantAdjustmentItemId: this.text('merchantAdjustmentItemId') || null,
			sku: this.text('sku') || null,
			quantityPurchased: this.quantity(row),
			promotionId: this.text('promotionId') || null,
		};
	}

	private amountValue(column: Column, exponent: number, row: number): number {
		this.range(column);
		const amount = readAmount(this.source, this.cellStart, this.cellEnd, exponent);
		if (typeof amount !== 'number') throw new ReportFormatError(row, COLUMNS[column], amount);
		return amount;
	}

	private dateValue(column: Column, row: number, dayOnly = false): string {
		this.range(column);
		const start = this.cellStart;
		const end = this.cellEnd;
		const index = COLUMN_INDEX[column];
		const previous = this.previousDate[index];
		if (previous && previous.raw.length === end - start && this.source.startsWith(previous.raw, start)) return previous.value;
		const raw = this.source.slice(start, end);
		const parsed: ParsedDate = this.date(raw);
		if (parsed.error !== undefined) throw new ReportFormatError(row, COLUMNS[column], parsed.error);
		const value = dayOnly ? parsed.value.slice(0, 10) : parsed.value;
		this.previousDate[index] = { raw, value };
		return value;
	}

	private quantity(row: number): number | null {
		if (!this.range('quantityPurchased')) return null;
		const start = this.cellStart;
		const end = this.cellEnd;
		let value = 0;
		for (let at = start; at < end; at++) {
			const code = this.source.charCodeAt(at) - 48;
			if (code < 0 || code > 9) {
				throw new ReportFormatError(row, COLUMNS.quantityPurchased, `"${this.source.slice(start, end)}" is not a whole number of units`);
			}
			value = value * 10 + code;
		}
		return value;
	}
}

const COLUMN_INDEX = Object.fromEntries(Object.keys(COLUMNS).map((key, index) => [key, index])) as Record<Column, number>;
const isSpace = (code: number) => code === 32 || code === 9;

function readHeader(cells: string[], row: number): Record<Column, number | undefined> {
	const index = headerIndex(cells, row);
	const columns = {} as Record<Column, number | undefined>;
	for (const [key, name] of Object.entries(COLUMNS) as Array<[Column, string]>) columns[key] = index.get(name);
	const missing = REQUIRED.filter((key) => columns[key] === undefined).map((key) => COLUMNS[key]);
	if (missing.length > 0) {
		throw new ReportFormatError(
			row,
			null,
			`the header lacks ${missing.join(', ')}: this is not a ${SETTLEMENT_REPORT_TYPE} document (its header starts "${cells.slice(0, 4).join('\t')}")`,
		);
	}
	return columns;
}

/** What a Payout event carries: the summary and totals by type, in minor units. */
export interface SettlementTotals extends SettlementSummary {
	/** Sum of the rows per transaction-type (Order, Refund, ServiceFee…). */
	byTransactionType: Record<string, number>;
	/** Sum of the rows per amount-type (ItemPrice, ItemFees, Promotion…). */
	byAmountType: Record<string, number>;
	/** Distinct order ids in the settlement. */
	orders: number;
	lines: number;
	reconciliation: SettlementReconciliation;
}

export function summarizeSettlement(report: SettlementReport): SettlementTotals {
	const byTransactionType: Record<string, number> = {};
	const byAmountType: Record<string, number> = {};
	const orders = new Set<string>();
	for (const line of report.lines) {
		byTransactionType[line.transactionType] = (byTransactionType[line.transactionType] ?? 0) + line.amount;
		byAmountType[line.amountType] = (byAmountType[line.amountType] ?? 0) + line.amount;
		if (line.orderId) orders.add(line.orderId);
	}
	return { ...report.summary, byTransactionType, byAmountType, orders: orders.size, lines: report.lines.length, reconciliation: report.reconciliation };
}

/**
 * A settlement report as it comes back as JSON (an n8n item holding what the reader returned):
 * checked field by field, so a hand-made or truncated input fails with the field's path instead
 * of producing a wrong journal entry. Amounts must be integer minor units, as the reader gives.
 */
export function settlementFromJson(value: unknown, path = ''): SettlementReport {
	const root = requireRecord(value, path);
	const summaryPath = at(path, 'summary');
	const summaryJson = requireRecord(root.summary, summaryPath);
	const currency = requireText(summaryJson.currency, at(summaryPath, 'currency')).toUpperCase();
	const exponent = currencyExponent(currency);
	if (exponent === undefined) throw new OrderMappingError(at(summaryPath, 'currency'), `"${currency}" is not an ISO 4217 currency code`);
	if (summaryJson.exponent !== undefined && summaryJson.exponent !== exponent) {
		throw new OrderMappingError(at(summaryPath, 'exponent'), `is ${String(summaryJson.exponent)} but ${currency} has ${exponent} decimals`);
	}
	const summary: SettlementSummary = {
		settlementId: requireText(summaryJson.settlementId, at(summaryPath, 'settlementId')),
		start: requireText(summaryJson.start, at(summaryPath, 'start')),
		end: requireText(summaryJson.end, at(summaryPath, 'end')),
		depositDate: optText(summaryJson.depositDate, at(summaryPath, 'depositDate')),
		totalAmount: requireMinor(summaryJson.totalAmount, at(summaryPath, 'totalAmount')),
		currency,
		exponent,
	};
	const linesPath = at(path, 'lines');
	if (!Array.isArray(root.lines)) throw new OrderMappingError(linesPath, 'must be the list of settlement lines');
	let linesTotal = 0;
	const lines = root.lines.map((entry, index): SettlementLine => {
		const linePath = at(linesPath, index);
		const line = requireRecord(entry, linePath);
		const amount = requireMinor(line.amount, at(linePath, 'amount'));
		linesTotal += amount;
		const opt = (key: keyof SettlementLine) => optText(line[key], at(linePath, key));
		const quantity = line.quantityPurchased;
		if (quantity !== undefined && quantity !== null && !(Number.isInteger(quantity) && (quantity as number) >= 0)) {
			throw new OrderMappingError(at(linePath, 'quantityPurchased'), 'must be a whole number of 0 or more');
		}
		return {
			row: Number.isInteger(line.row) ? (line.row as number) : index + 3,
			transactionType: opt('transactionType') ?? '',
			orderId: opt('orderId'),
			merchantOrderId: opt('merchantOrderId'),
			adjustmentId: opt('adjustmentId'),
			shipmentId: opt('shipmentId'),
			marketplaceName: opt('marketplaceName'),
			amountType: opt('amountType') ?? '',
			amountDescription: opt('amountDescription') ?? '',
			amount,
			fulfillmentId: opt('fulfillmentId'),
			postedDate: opt('postedDate'),
			postedDateTime: opt('postedDateTime'),
			orderItemCode: opt('orderItemCode'),
			merchantOrderItemId: opt('merchantOrderItemId'),
			merchantAdjustmentItemId: opt('merchantAdjustmentItemId'),
			sku: opt('sku'),
			quantityPurchased: (quantity as number | null | undefined) ?? null,
			promotionId: opt('promotionId'),
		};
	});
	const difference = linesTotal - summary.totalAmount;
	return { summary, lines, reconciliation: { ok: difference === 0, linesTotal, totalAmount: summary.totalAmount, difference } };
}

function requireRecord(value: unknown, path: string): Json {
	if (!isRecord(value)) throw new OrderMappingError(path, 'must be an object (a settlement: { summary, lines })');
	return value;
}

function requireText(value: unknown, path: string): string {
	const text = optText(value, path);
	if (text === null) throw new OrderMappingError(path, 'is missing');
	return text;
}

function optText(value: unknown, path: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw new OrderMappingError(path, 'must be text');
	return value.trim() || null;
}

function requireMinor(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
		throw new OrderMappingError(path, `must be a whole number of minor units (cents), got ${JSON.stringify(value)}`);
	}
	return value;
}
