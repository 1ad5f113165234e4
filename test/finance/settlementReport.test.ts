import { ReportFormatError } from '../../nodes/AmazonSeller/amazon/flatFile';
import {
	parseSettlementReport,
	settlementFromJson,
	SettlementReportParser,
	summarizeSettlement,
	type SettlementReport,
} from '../../nodes/AmazonSeller/amazon/settlementReport';
import { OrderMappingError } from '../../nodes/AmazonSeller/amazon/readError';
import { caught } from '../mapping/helpers';
import { amountText, cells, financeFixture } from './helpers';

/**
 * Amazon's settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2) read exactly, whatever
 * the marketplace writes: the summary, every row in minor units, dates in ISO UTC, and the check
 * that the rows add up to the deposit.
 */
interface Case {
	file: string;
	id: string;
	currency: string;
	decimals: number;
	total: number;
	rows: number;
}

const cases: Case[] = [
	{ file: 'settlement-us-usd.tsv', id: '11223344551', currency: 'USD', decimals: 2, total: 1275, rows: 27 },
	{ file: 'settlement-de-eur.tsv', id: '22334455661', currency: 'EUR', decimals: 2, total: 22338, rows: 18 },
	{ file: 'settlement-jp-jpy.tsv', id: '33445566771', currency: 'JPY', decimals: 0, total: 5493, rows: 11 },
	{ file: 'settlement-uk-gbp-negative.tsv', id: '44556677881', currency: 'GBP', decimals: 2, total: -3048, rows: 9 },
];

describe.each(cases)('$file', (row) => {
	const text = financeFixture(row.file);
	const report = parseSettlementReport(text);

	test('the summary: id, period and deposit date in ISO UTC, the deposit in minor units', () => {
		expect(report.summary).toEqual({
			settlementId: row.id,
			start: '2026-01-05T08:00:00Z',
			end: '2026-01-19T08:00:00Z',
			depositDate: '2026-01-21T08:00:00Z',
			totalAmount: row.total,
			currency: row.currency,
			exponent: row.decimals,
		});
	});

	test('every row is read, each amount exactly as the file writes it', () => {
		const fileRows = cells(text).slice(2);
		const amountColumn = cells(text)[0].indexOf('amount');
		expect(report.lines).toHaveLength(row.rows);
		expect(report.lines.map((line) => line.amount)).toEqual(fileRows.map((cellsOfRow) => amountText(cellsOfRow[amountColumn], row.decimals)));
		expect(report.lines.map((line) => line.row)).toEqual(fileRows.map((_, index) => index + 3));
	});

	test('the rows add up to the deposit, and the reader says so', () => {
		expect(report.reconciliation).toEqual({ ok: true, linesTotal: row.total, totalAmount: row.total, difference: 0 });
	});

	test('posted dates are ISO, whatever the locale', () => {
		for (const line of report.lines) {
			expect(line.postedDate).toMatch(/^2026-01-\d\d$/);
			expect(line.postedDateTime).toBe(`${line.postedDate}T10:15:00Z`);
		}
	});
});

describe('the same settlement in every locale reads the same', () => {
	const us = financeFixture('settlement-us-usd.tsv');
	const reference = parseSettlementReport(us);
	// Rewrite the US file as the other marketplaces write theirs (same amounts and instants).
	const rewrite = (decimal: string, date: (y: string, m: string, d: string) => string) =>
		us.replace(/(\d{4})-(\d\d)-(\d\d)/g, (_all, y, m, d) => date(y, m, d)).replace(/(-?\d+)\.(\d\d)(?=\t|$)/gm, `$1${decimal}$2`);

	test.each([
		['continental EU: decimal commas, DD.MM.YYYY', rewrite(',', (y, m, d) => `${d}.${m}.${y}`)],
		['UK: DD/MM/YYYY', rewrite('.', (y, m, d) => `${d}/${m}/${y}`)],
		['JP: YYYY/MM/DD', rewrite('.', (y, m, d) => `${y}/${m}/${d}`)],
		['Windows line ends and a byte-order mark', `\ufeff${us.replace(/\n/g, '\r\n')}`],
	])('%s', (_name, text) => {
		expect(text).not.toBe(us);
		expect(parseSettlementReport(text)).toEqual(reference);
	});

	test('fed in chunks cut anywhere (a streamed download) it reads the same', () => {
		const text = us.replace(/\n/g, '\r\n');
		for (const size of [1, 7, 64, 1000]) {
			const parser = new SettlementReportParser();
			for (let start = 0; start < text.length; start += size) parser.write(text.slice(start, start + size));
			expect(parser.end()).toEqual(reference);
		}
	});
});

describe('a report whose rows do not add up to the deposit', () => {
	test('is read, and the difference is reported, not hidden', () => {
		const report = parseSettlementReport(financeFixture('settlement-unbalanced.tsv'));
		expect(report.reconciliation).toEqual({ ok: false, linesTotal: -3048, totalAmount: -3047, difference: -1 });
	});
});

describe('errors name the row and the column', () => {
	const us = financeFixture('settlement-us-usd.tsv');
	const withCell = (rowIndex: number, column: string, value: string) => {
		const table = cells(us);
		table[rowIndex][table[0].indexOf(column)] = value;
		return table.map((cellsOfRow) => cellsOfRow.join('\t')).join('\n');
	};
	const failure = (text: string) => caught(() => parseSettlementReport(text), ReportFormatError);

	test.each([
		[withCell(4, 'amount', '1,234'), 5, 'amount', /"1,234" is ambiguous/],
		[withCell(4, 'amount', '12.345'), 5, 'amount', /ambiguous/],
		[withCell(4, 'amount', ''), 5, 'amount', /is empty: every row after the summary is one amount/],
		[withCell(4, 'amount', '12.3x'), 5, 'amount', /is not an amount/],
		[withCell(1, 'total-amount', ''), 2, 'total-amount', /first row after the header is the settlement summary/],
		[withCell(1, 'currency', 'EURO'), 2, 'currency', /"EURO" is not an ISO 4217 currency code/],
		[withCell(1, 'settlement-start-date', '13/13/2026'), 2, 'settlement-start-date', /month 13 does not exist/],
		[withCell(6, 'posted-date', '2026-02-30'), 7, 'posted-date', /day 30 does not exist/],
		[withCell(6, 'settlement-id', '999'), 7, 'settlement-id', /is "999" but the summary row is settlement 11223344551/],
		[withCell(8, 'total-amount', '12.75'), 9, 'total-amount', /only the first row after the header carries the settlement total/],
		[withCell(3, 'quantity-purchased', 'two'), 4, 'quantity-purchased', /"two" is not a whole number/],
	])('case %#', async (text, row, column, reason) => {
		const error = await failure(text);
		expect(error).toMatchObject({ row, column });
		expect(error.reason).toMatch(reason);
		expect(error.message).toMatch(new RegExp(`^Row ${row}, column "${column}": `));
	});

	test('a file that is not a settlement report says what it lacks', async () => {
		const error = await failure('order-id\tsku\tquantity\n1\tA\t2\n');
		expect(error.row).toBe(1);
		expect(error.reason).toMatch(/the header lacks settlement-id, settlement-start-date, .*: this is not a GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 document/);
	});

	test('an empty file, and a header without a summary', async () => {
		expect((await failure('')).message).toMatch(/empty/);
		expect((await failure(us.split('\n')[0] + '\n')).message).toMatch(/no summary row/);
	});
});

describe('totals by type (what a Payout event carries)', () => {
	test('per transaction type and amount type, adding up to the deposit', () => {
		const totals = summarizeSettlement(parseSettlementReport(financeFixture('settlement-us-usd.tsv')));
		expect(totals).toMatchObject({ settlementId: '11223344551', totalAmount: 1275, currency: 'USD', orders: 2, lines: 27 });
		// Order 38.17 + 11.04 + 17.38; refund −11.43; subscription −39.99; storage and reserve −7.42 + 25.00 − 20.00.
		expect(totals.byTransactionType).toEqual({ Order: 6659, Refund: -1143, ServiceFee: -3999, 'other-transaction': -242 });
		const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
		expect(sum(totals.byTransactionType)).toBe(1275);
		expect(sum(totals.byAmountType)).toBe(1275);
	});
});

describe('a settlement as JSON (an n8n item) is read back and checked', () => {
	const report = parseSettlementReport(financeFixture('settlement-de-eur.tsv'));
	const json = (): any => JSON.parse(JSON.stringify(report));

	test('round trip', () => {
		expect(settlementFromJson(json())).toEqual(report);
	});

	test.each([
		[(value: any) => (value.lines[2].amount = 12.5), 'lines[2].amount', /whole number of minor units/],
		[(value: any) => (value.lines[0].amount = '12.50'), 'lines[0].amount', /whole number of minor units/],
		[(value: any) => (value.summary.currency = 'XYZ'), 'summary.currency', /not an ISO 4217/],
		[(value: any) => (value.summary.exponent = 0), 'summary.exponent', /EUR has 2 decimals/],
		[(value: any) => delete value.summary.settlementId, 'summary.settlementId', /is missing/],
		[(value: any) => (value.lines = {}), 'lines', /list of settlement lines/],
	])('bad input %# names the field', async (spoil, path, reason) => {
		const value = json();
		spoil(value);
		const error = await caught(() => settlementFromJson(value), OrderMappingError);
		expect(error.path).toBe(path);
		expect(error.reason).toMatch(reason);
	});

	test('its reconciliation is recomputed from the lines, not trusted', () => {
		const value = json();
		value.lines[0].amount += 1;
		value.reconciliation.ok = true;
		expect((settlementFromJson(value) as SettlementReport).reconciliation).toMatchObject({ ok: false, difference: 1 });
	});
});
