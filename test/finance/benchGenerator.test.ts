import { ACCOUNTS, generateSettlement } from '../../bench/settlement';
import { parseSettlementReport } from '../../nodes/AmazonSeller/amazon/settlementReport';
import { mapRefundToCreditNote, refundsFromSettlement } from '../../nodes/AmazonSeller/mapping/creditNote';
import { mapSettlementToJournalEntry } from '../../nodes/AmazonSeller/mapping/journalEntry';

/** The benchmark's generated settlements are valid reports, so its figures measure real work (behaviour only, no timings). */
describe.each(['eu', 'na'] as const)('generated settlement, %s format', (locale) => {
	const { text, total } = generateSettlement(2_000, locale);
	const report = parseSettlementReport(text);

	test('reads back to its own total, every row accounted for', () => {
		expect(report.summary).toMatchObject({ totalAmount: total, currency: locale === 'eu' ? 'EUR' : 'USD' });
		expect(report.reconciliation.ok).toBe(true);
		expect(report.lines.length + 1).toBeGreaterThanOrEqual(2_000);
	});

	test('maps to a balanced entry with every type booked', () => {
		const entry = mapSettlementToJournalEntry(report, { accounts: ACCOUNTS, depositAccount: '512000' });
		expect(entry.balanced).toBe(true);
		expect(entry.unmapped).toEqual([]);
	});
});

test('the refund-only settlement maps every refund to a credit note with Amazon tax', () => {
	const refunds = refundsFromSettlement(parseSettlementReport(generateSettlement(500, 'eu', { refundsOnly: true }).text));
	expect(refunds.length).toBeGreaterThan(50);
	for (const refund of refunds) expect(mapRefundToCreditNote(refund)).toMatchObject({ taxStatus: 'amazon', warnings: [] });
});
