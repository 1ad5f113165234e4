/**
 * Benchmark of the money side on one core: a 100,000-line settlement report (generated here,
 * deterministically, in the continental-EU format: decimal commas, DD.MM.YYYY, and in the North
 * American one) parsed and mapped to a journal entry, in lines per second, with the heap the
 * parsed report holds and the process's peak resident memory; then refunds mapped to credit notes
 * per second. Generation is outside the timed part. Each timing is the best of a few runs (the
 * machine is shared). Target: ≥ 100,000 lines/s.
 *
 * Run directly: npx ts-node --transpile-only bench/settlement.ts   (add --json for the figures as
 * JSON). Figures are CPU time in child processes run with --single-threaded (see benchSettlement).
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';

import { parseSettlementReport, SettlementReportParser, type SettlementReport } from '../nodes/AmazonSeller/amazon/settlementReport';
import { mapRefundToCreditNote, refundsFromSettlement } from '../nodes/AmazonSeller/mapping/creditNote';
import { mapSettlementToJournalEntry } from '../nodes/AmazonSeller/mapping/journalEntry';
import { toOdooCreditNote, toOdooJournalEntry } from '../nodes/AmazonSeller/mapping/odooFinance';

export const SETTLEMENT_LINES = 100_000;
const RUNS = 3;

const COLUMNS =
	'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id';

export const ACCOUNTS = {
	'Order/ItemPrice/*': '400100',
	'Refund/ItemPrice/*': '400200',
	'*/ItemPrice/Tax': '445710',
	'*/ItemPrice/ShippingTax': '445710',
	'*/Promotion/*': '609000',
	'*/ItemFees/*': '627000',
	ServiceFee: '627100',
	'other-transaction': '467000',
};

/** A small deterministic generator, so every run reads the same settlement. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

export type Locale = 'eu' | 'na';

/**
 * A settlement of about `lines` rows: orders of one to three items (principal, tax, shipping,
 * commission, FBA fee, sometimes a promotion), refunds for about one order in twenty (or every
 * order with `refundsOnly`), a subscription fee; amounts and dates written as the locale writes them.
 */
export function generateSettlement(lines: number, locale: Locale, options: { refundsOnly?: boolean } = {}): { text: string; total: number } {
	const next = random(7);
	const amount = (minor: number) => {
		const sign = minor < 0 ? '-' : '';
		const abs = Math.abs(minor);
		const text = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
		return locale === 'eu' ? text.replace('.', ',') : text;
	};
	const day = (d: number) => (locale === 'eu' ? `${String(d).padStart(2, '0')}.01.2026` : `2026-01-${String(d).padStart(2, '0')}`);
	const marketplace = locale === 'eu' ? 'Amazon.de' : 'Amazon.com';
	const rows: string[] = [];
	let total = 0;
	const row = (type: string, orderId: string, adjustment: string, amountType: string, description: string, minor: number, sku: string, item: string, quantity: string, posted: number) => {
		total += minor;
		const time = `${String(8 + (posted % 10)).padStart(2, '0')}:${String(posted % 60).padStart(2, '0')}:00 UTC`;
		rows.push(
			`1234567890\t\t\t\t\t\t${type}\t${orderId}\t\t${adjustment}\t\t${marketplace}\t${amountType}\t${description}\t${amount(minor)}\tAFN\t${day(5 + (posted % 14))}\t${day(5 + (posted % 14))} ${time}\t${item}\t\t\t${sku}\t${quantity}\t`,
		);
	};
	let order = 0;
	while (rows.length < lines - 1) {
		order++;
		const orderId = `302-${String(order).padStart(7, '0')}-${String(order % 9999999).padStart(7, '0')}`;
		const items = 1 + Math.floor(next() * 3);
		const refund = options.refundsOnly || next() < 0.05;
		for (let index = 0; index < items && rows.length < lines - 1; index++) {
			const sku = `SKU-${order % 500}-${index}`;
			const item = `${order}${index}`;
			const quantity = 1 + Math.floor(next() * 3);
			const principal = (500 + Math.floor(next() * 9000)) * quantity;
			const tax = Math.round(principal * 0.19);
			const commission = -Math.round(principal * 0.15);
			const fee = -(300 + Math.floor(next() * 400)) * quantity;
			const posted = order + index;
			if (!options.refundsOnly) {
				row('Order', orderId, '', 'ItemPrice', 'Principal', principal, sku, item, String(quantity), posted);
				row('Order', orderId, '', 'ItemPrice', 'Tax', tax, sku, item, String(quantity), posted);
				if (index === 0) {
					row('Order', orderId, '', 'ItemPrice', 'Shipping', 495, sku, item, String(quantity), posted);
					row('Order', orderId, '', 'ItemPrice', 'ShippingTax', 94, sku, item, String(quantity), posted);
				}
				row('Order', orderId, '', 'ItemFees', 'Commission', commission, sku, item, String(quantity), posted);
				row('Order', orderId, '', 'ItemFees', 'FBAPerUnitFulfillmentFee', fee, sku, item, String(quantity), posted);
				if (next() < 0.2) row('Order', orderId, '', 'Promotion', 'Principal', -300, sku, item, String(quantity), posted);
			}
			if (refund) {
				const adjustment = `amzn1.adj.${order}`;
				row('Refund', orderId, adjustment, 'ItemPrice', 'Principal', -principal, sku, item, '', posted + 3);
				row('Refund', orderId, adjustment, 'ItemPrice', 'Tax', -tax, sku, item, '', posted + 3);
				row('Refund', orderId, adjustment, 'ItemFees', 'Commission', -Math.round(commission * 0.8), sku, item, '', posted + 3);
				row('Refund', orderId, adjustment, 'ItemFees', 'RefundCommission', -Math.min(500, Math.round(-commission * 0.2)), sku, item, '', posted + 3);
			}
		}
	}
	row('ServiceFee', '', '', 'ServiceFee', 'Subscription Fee', -3900, '', '', '', 10);
	const summary = `1234567890\t${day(5)} 08:00:00 UTC\t${day(19)} 08:00:00 UTC\t${day(21)} 08:00:00 UTC\t${amount(total)}\t${locale === 'eu' ? 'EUR' : 'USD'}${'\t'.repeat(18)}`;
	return { text: [COLUMNS, summary, ...rows].join('\n') + '\n', total };
}

export interface SettlementRun {
	locale: Locale;
	lines: number;
	bytes: number;
	/** Parse + map to a journal entry (Generic, then the Odoo preset): lines per CPU second, best of RUNS. */
	linesPerSecond: number;
	/** The same by the wall clock (inflated when other processes share the cores). */
	wallLinesPerSecond: number;
	parseMs: number;
	mapMs: number;
	/** Fed in 64 KiB chunks, as a streamed download would be (CPU time). */
	streamedLinesPerSecond: number;
	balanced: boolean;
}

export interface SettlementMemory {
	/** Heap the parsed report holds (measured with a forced GC before and after). */
	reportHeapMb: number;
	/** Peak RSS of a fresh process holding the report text (ts-node and the text included), then after one streamed parse + map. */
	rssAfterTextMb: number;
	peakRssMb: number;
}

export interface SettlementBenchResult {
	runs: SettlementRun[];
	memory: SettlementMemory;
	creditNotes: { refunds: number; perSecond: number; odooPerSecond: number };
	/** The children ran with V8's --single-threaded: GC and compilation on the same core. */
	singleThreaded: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
	gc?.();
	return process.memoryUsage().heapUsed;
}

/** The best of `runs` runs, in CPU milliseconds (user + system) and wall milliseconds. */
function best<T>(runs: number, run: () => T): { ms: number; wallMs: number; result: T } {
	let ms = Infinity;
	let wallMs = Infinity;
	let result: T | undefined;
	for (let index = 0; index < runs; index++) {
		gc?.();
		const cpu = process.cpuUsage();
		const began = performance.now();
		result = run();
		wallMs = Math.min(wallMs, performance.now() - began);
		const used = process.cpuUsage(cpu);
		ms = Math.min(ms, (used.user + used.system) / 1000);
	}
	return { ms, wallMs, result: result as T };
}

const JOURNAL_OPTIONS = { accounts: ACCOUNTS, depositAccount: '512000' };

function runLocale(locale: Locale): SettlementRun {
	const { text, total } = generateSettlement(SETTLEMENT_LINES, locale);
	const parse = best(RUNS, () => parseSettlementReport(text));
	if (parse.result.summary.totalAmount !== total || !parse.result.reconciliation.ok) throw new Error('the generated settlement did not read back exactly');
	const map = best(RUNS, () => toOdooJournalEntry(mapSettlementToJournalEntry(parse.result, JOURNAL_OPTIONS)));
	const whole = best(RUNS, () => toOdooJournalEntry(mapSettlementToJournalEntry(parseSettlementReport(text), JOURNAL_OPTIONS)));
	const streamed = best(RUNS, () => mapSettlementToJournalEntry(streamParse(text), JOURNAL_OPTIONS));
	const lines = parse.result.lines.length + 1;
	return {
		locale,
		lines,
		bytes: Buffer.byteLength(text),
		linesPerSecond: Math.round(lines / (whole.ms / 1000)),
		wallLinesPerSecond: Math.round(lines / (whole.wallMs / 1000)),
		parseMs: Math.round(parse.ms),
		mapMs: Math.round(map.ms),
		streamedLinesPerSecond: Math.round(lines / (streamed.ms / 1000)),
		balanced: map.result.balanced && streamed.result.balanced,
	};
}

function streamParse(text: string): SettlementReport {
	const parser = new SettlementReportParser();
	for (let start = 0; start < text.length; start += 65_536) parser.write(text.slice(start, start + 65_536));
	return parser.end();
}

/** In a fresh process given the report text on stdin: the heap the parsed report holds and the process's peak. */
function runMemory(): SettlementMemory {
	const text = readFileSync(0, 'utf8');
	const rssBefore = process.resourceUsage().maxRSS;
	const before = heapUsed();
	const report = streamParse(text);
	const reportHeap = heapUsed() - before;
	const entry = toOdooJournalEntry(mapSettlementToJournalEntry(report, JOURNAL_OPTIONS));
	if (!entry.balanced) throw new Error('the generated settlement did not balance');
	return {
		reportHeapMb: Math.round(reportHeap / 2 ** 20),
		rssAfterTextMb: Math.round(rssBefore / 1024),
		peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
	};
}

function runCreditNotes(): SettlementBenchResult['creditNotes'] {
	const report = parseSettlementReport(generateSettlement(SETTLEMENT_LINES, 'eu', { refundsOnly: true }).text);
	const refunds = refundsFromSettlement(report);
	const generic = best(RUNS, () => refunds.map((refund) => mapRefundToCreditNote(refund)));
	for (const note of generic.result) {
		if (note.lines.length === 0 || note.taxStatus !== 'amazon') throw new Error('a generated refund did not map');
	}
	const odoo = best(RUNS, () => refunds.map((refund) => toOdooCreditNote(mapRefundToCreditNote(refund))));
	return { refunds: refunds.length, perSecond: Math.round(refunds.length / (generic.ms / 1000)), odooPerSecond: Math.round(refunds.length / (odoo.ms / 1000)) };
}

/**
 * Runs the measurements in fresh child processes with V8's --single-threaded (so "one core" is
 * literal: GC and compilation run on the measuring thread) and --expose-gc (exact heap figures);
 * memory is measured in a process of its own, so earlier runs do not inflate its peak.
 */
export async function benchSettlement(): Promise<SettlementBenchResult> {
	const timing = child('timing') as Pick<SettlementBenchResult, 'runs' | 'creditNotes'>;
	const memory = child('memory', generateSettlement(SETTLEMENT_LINES, 'eu').text) as SettlementMemory;
	return { ...timing, memory, singleThreaded: true };
}

function child(mode: 'timing' | 'memory', input?: string): unknown {
	const output = execFileSync(
		process.execPath,
		['--single-threaded', '--expose-gc', '--max-old-space-size=4096', '-r', 'ts-node/register/transpile-only', __filename, `--child=${mode}`],
		{ encoding: 'utf8', input, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' }, maxBuffer: 16 * 2 ** 20 },
	);
	return JSON.parse(output.trim().split('\n').pop() as string);
}

if (require.main === module) {
	const mode = process.argv.find((argument) => argument.startsWith('--child='))?.slice('--child='.length);
	if (mode === 'timing') {
		process.stdout.write(JSON.stringify({ runs: [runLocale('eu'), runLocale('na')], creditNotes: runCreditNotes() }) + '\n');
	} else if (mode === 'memory') {
		process.stdout.write(JSON.stringify(runMemory()) + '\n');
	} else {
		benchSettlement().then(
			(result) => {
				if (process.argv.includes('--json')) {
					process.stdout.write(JSON.stringify(result) + '\n');
					return;
				}
				const n = (value: number) => value.toLocaleString('en-US');
				for (const run of result.runs) {
					console.log(
						`Settlement, ${run.locale === 'eu' ? 'EU format (decimal commas, DD.MM.YYYY)' : 'North American format'}, ${n(run.lines)} lines (${(run.bytes / 2 ** 20).toFixed(1)} MB): ` +
							`parse + map ${n(run.linesPerSecond)} lines per CPU second on one core (parse ${run.parseMs} ms, map ${run.mapMs} ms; ` +
							`wall clock ${n(run.wallLinesPerSecond)} lines/s; streamed ${n(run.streamedLinesPerSecond)} lines/s), balanced ${run.balanced} (target ≥ 100,000 lines/s)`,
					);
				}
				const memory = result.memory;
				console.log(`Memory: the parsed 100,000-line report holds ${memory.reportHeapMb} MB of heap; peak RSS ${memory.peakRssMb} MB (${memory.rssAfterTextMb} MB before parsing: ts-node and the 13.6 MB text)`);
				console.log(`Credit notes: ${n(result.creditNotes.refunds)} refunds, ${n(result.creditNotes.perSecond)}/s generic, ${n(result.creditNotes.odooPerSecond)}/s with the Odoo preset (CPU time, one core)`);
			},
			(error) => {
				console.error(error);
				process.exitCode = 1;
			},
		);
	}
}
