import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type AccountKey, type Simulator } from '../simulator';
import { FinanceClient, fileAmount, parseTsv } from './simulator.financeHelpers';
import { iso } from './simulator.helpers';

const DAY = 86_400_000;
const MIN = 60_000;
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const COLUMNS =
	'settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type order-id merchant-order-id ' +
	'adjustment-id shipment-id marketplace-name amount-type amount-description amount fulfillment-id posted-date posted-date-time ' +
	'order-item-code merchant-order-item-id merchant-adjustment-item-id sku quantity-purchased promotion-id';
const FBA_RETURN_COLUMNS = 'return-date order-id sku asin fnsku product-name quantity fulfillment-center-id detailed-disposition reason status license-plate-number customer-comments';
const col = (name: string) => COLUMNS.split(' ').indexOf(name);

describe('simulator: settlement and returns reports (Reports 2021-06-30)', () => {
	let clock: VirtualClock;
	let sim: Simulator;
	let api: FinanceClient;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
		api = new FinanceClient(sim, clock);
	});
	afterEach(async () => {
		await sim.close();
	});

	/** The settlement file of a closed period, found the way a client must: getReports, then the document. */
	const settlementFile = async (account: AccountKey, settlementId: string) => {
		const reports = (await api.call('getReports', { account, query: { reportTypes: SETTLEMENT, pageSize: 100 } })).body.reports;
		const p = sim.finance.periods({ account }).find((x) => x.settlementId === settlementId)!;
		const report = reports.find((r: any) => r.reportId === p.reportId);
		expect(report).toBeDefined();
		const doc = await api.download(account, report.reportDocumentId);
		return { period: p, ...doc, ...parseTsv(doc.text) };
	};

	test('createReport refuses settlement reports as Amazon does; Amazon generates one when a period closes', async () => {
		const refused = await api.call('createReport', { method: 'POST', body: { reportType: SETTLEMENT, marketplaceIds: ['ATVPDKIKX0DER'] }, throttle: false });
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0]).toMatchObject({ code: 'InvalidInput', message: 'Request for report type 1118 is not allowed at this time' });
		expect(sim.validationErrors).toHaveLength(1);
		expect((await api.call('getReports', { query: { reportTypes: SETTLEMENT } })).body.reports).toEqual([]);

		const closed = sim.finance.closePeriod('na');
		expect(closed).toMatchObject({ currency: 'USD', status: 'Closed', end: clock.now(), depositDate: clock.now(), fundTransferStatus: 'Processing' });
		const found = await api.call('getReports', { query: { reportTypes: SETTLEMENT, processingStatuses: 'DONE', marketplaceIds: 'ATVPDKIKX0DER' } });
		expect(found.body.reports).toHaveLength(1);
		expect(found.body.reports[0]).toMatchObject({ reportId: closed.reportId, processingStatus: 'DONE', marketplaceIds: ['ATVPDKIKX0DER'] });
		const report = await api.call('getReport', { params: { reportId: closed.reportId! } });
		expect(report.body.reportDocumentId).toBe(found.body.reports[0].reportDocumentId);
		expect(sim.finance.periods({ account: 'na', currency: 'USD', status: 'Open' })[0].start).toBe(closed.end);
		clock.advance(3 * DAY + MIN);
		expect(sim.finance.periods({ account: 'na', currency: 'USD', status: 'Closed' })[0].fundTransferStatus).toBe('Succeeded');
	});

	test('USD, GBP, EUR and JPY files: header, summary row first, locale dates and decimals, lines add up to total-amount', async () => {
		clock.advance(20 * DAY);
		const pick = (account: AccountKey, currency: string) => sim.finance.periods({ account, currency, status: 'Closed' }).find((p) => p.transactionIds.length > 2)!;
		const cases = [
			{ account: 'na' as const, currency: 'USD', dateTime: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/, date: /^\d{4}-\d{2}-\d{2}$/, amount: /^-?\d+\.\d{2}$/, gzip: undefined },
			{ account: 'eu' as const, currency: 'GBP', dateTime: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} UTC$/, date: /^\d{2}\/\d{2}\/\d{4}$/, amount: /^-?\d+\.\d{2}$/, gzip: 'GZIP' },
			{ account: 'eu' as const, currency: 'EUR', dateTime: /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} UTC$/, date: /^\d{2}\.\d{2}\.\d{4}$/, amount: /^-?\d+,\d{2}$/, gzip: 'GZIP' },
			{ account: 'fe' as const, currency: 'JPY', dateTime: /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} UTC$/, date: /^\d{4}\/\d{2}\/\d{2}$/, amount: /^-?\d+$/, gzip: undefined },
		];
		for (const c of cases) {
			const p = pick(c.account, c.currency);
			const file = await settlementFile(c.account, p.settlementId);
			expect(file.compression).toBe(c.gzip);
			expect(file.header).toEqual(COLUMNS.split(' '));
			const [summary, ...lines] = file.rows;
			expect(summary).toHaveLength(24);
			for (const i of [1, 2, 3]) expect(summary[i]).toMatch(c.dateTime);
			expect(summary[4]).toMatch(c.amount);
			expect(summary[4]).toBe(p.totalAmount);
			expect(lines.length).toBeGreaterThan(2);
			for (const l of lines) {
				expect(l).toHaveLength(24);
				expect(l[col('amount')]).toMatch(c.amount);
				expect(l[col('posted-date')]).toMatch(c.date);
				expect(l[col('posted-date-time')]).toMatch(c.dateTime);
				expect(l[col('transaction-type')]).toMatch(/^(Order|Refund|Chargeback Refund|other-transaction)$/);
			}
			expect(lines.reduce((s, l) => s + fileAmount(l[col('amount')], c.currency), 0)).toBe(p.total);
			// The summary's dates are the period's, in the file's format.
			expect(summary[1].slice(-12)).toBe(`${new Date(p.start).toISOString().slice(11, 19)} UTC`);
			const orders = lines.filter((l) => l[col('transaction-type')] === 'Order');
			expect(orders.every((l) => l[col('order-id')] && l[col('order-item-code')] && l[col('sku')] && /^(AFN|MFN)$/.test(l[col('fulfillment-id')]))).toBe(true);
			const principal = orders.filter((l) => l[col('amount-description')] === 'Principal' && l[col('amount-type')] === 'ItemPrice');
			expect(principal.every((l) => /^\d+$/.test(l[col('quantity-purchased')]))).toBe(true);
			expect(lines.some((l) => l[col('amount-type')] === 'ItemFees' && l[col('amount-description')] === 'Commission')).toBe(true);
		}
		const eur = pick('eu', 'EUR');
		expect(eur.totalAmount).toMatch(/,/);
		expect(sim.validationErrors).toEqual([]);
	});

	test('an empty period still closes with a zero deposit and a file holding only its summary', async () => {
		sim.finance.closePeriod('na', 'CAD');
		const empty = sim.finance.closePeriod('na', 'CAD');
		expect(empty.total).toBe(0);
		const file = await settlementFile('na', empty.settlementId);
		expect(file.rows).toHaveLength(1);
		expect(file.rows[0].slice(0, 6)).toEqual([empty.settlementId, expect.any(String), expect.any(String), expect.any(String), '0.00', 'CAD']);
		expect(() => sim.finance.closePeriod('na', 'EUR')).toThrow(/no settlement in EUR/);
	});

	test('getReports: reportTypes or nextToken, nextToken alone, the 90-day rule, pageSize paging, newest first', async () => {
		for (let i = 0; i < 5; i++) {
			clock.advance(DAY);
			sim.finance.closePeriod('na', 'USD');
		}
		const call = (query: Record<string, string | number>) => api.call('getReports', { query });
		const US = { reportTypes: SETTLEMENT, marketplaceIds: 'ATVPDKIKX0DER' };
		expect((await call({})).status).toBe(400);
		expect((await call({ ...US, createdSince: iso(clock.now() - 91 * DAY) })).status).toBe(400);
		expect((await call({ ...US, createdSince: iso(clock.now() - DAY), createdUntil: iso(clock.now() - 2 * DAY) })).status).toBe(400);
		expect((await call({ ...US, pageSize: 101 })).status).toBe(400);
		expect((await call({ ...US, processingStatuses: 'FINISHED' })).status).toBe(400);
		const ok = await call({ ...US, createdSince: iso(clock.now() - 89 * DAY) });
		expect(ok.body.reports).toHaveLength(5);
		// Other currencies' settlements are there too (the CAD period closed on its own meanwhile).
		const all = (await call({ reportTypes: SETTLEMENT, pageSize: 100 })).body.reports;
		expect(all.length).toBeGreaterThan(5);
		expect(all.every((r: any) => r.reportType === SETTLEMENT)).toBe(true);
		const first = await call({ ...US, pageSize: 2 });
		expect(first.body.reports).toHaveLength(2);
		const withFilters = await call({ ...US, pageSize: 2, nextToken: first.body.nextToken });
		expect(withFilters.status).toBe(400);
		expect(withFilters.body.errors[0].message).toMatch(/only parameter/);
		const seen = [...first.body.reports];
		let next = first.body.nextToken;
		while (next) {
			const page = await call({ nextToken: next });
			expect(page.status).toBe(200);
			seen.push(...page.body.reports);
			next = page.body.nextToken;
		}
		expect(seen.map((r: any) => r.reportId)).toEqual(ok.body.reports.map((r: any) => r.reportId));
		const created = seen.map((r: any) => Date.parse(r.createdTime));
		expect([...created].sort((a, b) => b - a)).toEqual(created);
		const recent = await call({ ...US, createdSince: iso(clock.now() - 2.5 * DAY) });
		expect(recent.body.reports).toHaveLength(3);
		expect((await api.call('getReports', { account: 'eu', query: { reportTypes: SETTLEMENT } })).body.reports).toEqual([]);
	});

	test('returns reports: FBA customer returns and merchant returns by return date, consistent with the refunds that follow', async () => {
		const now = clock.now();
		const fbaOrder = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'AMAZON', status: 'SHIPPED', createdAt: now - 6 * DAY, lastUpdatedAt: now - 5 * DAY });
		const fbmOrder = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'SHIPPED', createdAt: now - 6 * DAY, lastUpdatedAt: now - 5 * DAY });
		const fba = sim.finance.addReturn(fbaOrder.orderId, { disposition: 'CUSTOMER_DAMAGED', reason: 'DEFECTIVE', customerComments: 'Cracked on arrival' });
		const fbm = sim.finance.addReturn(fbmOrder.orderId, { reason: 'UNWANTED_ITEM' });
		expect(fba.refund?.kind).toBe('Refund');
		expect(fba.return.refundTransactionId).toBe(fba.refund!.transactionId);
		const noRefund = sim.finance.addReturn(fbaOrder.orderId, { refund: false });
		expect(noRefund.refund).toBeUndefined();

		clock.advance(10 * MIN);
		const request = async (reportType: string) => {
			const created = await api.call('createReport', { method: 'POST', body: { reportType, marketplaceIds: ['ATVPDKIKX0DER'], dataStartTime: iso(now - DAY) } });
			expect(created.status).toBe(202);
			clock.advance(5 * MIN);
			const report = await api.call('getReport', { params: { reportId: created.body.reportId } });
			expect(report.body.processingStatus).toBe('DONE');
			return parseTsv((await api.download('na', report.body.reportDocumentId)).text);
		};
		const fbaFile = await request('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA');
		expect(fbaFile.header).toEqual(FBA_RETURN_COLUMNS.split(' '));
		const fbaRow = fbaFile.rows.find((r) => r[1] === fbaOrder.orderId && r[12] === 'Cracked on arrival')!;
		expect(fbaRow).toEqual([
			expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
			fbaOrder.orderId,
			fbaOrder.items[0].sku,
			fbaOrder.items[0].asin,
			expect.stringMatching(/^X00[A-Z0-9]{7}$/),
			fbaOrder.items[0].title,
			String(fbaOrder.items[0].quantity),
			expect.stringMatching(/^[A-Z]{3}\d$/),
			'CUSTOMER_DAMAGED',
			'DEFECTIVE',
			'Reimbursed',
			expect.stringMatching(/^LPN[A-Z0-9]{10}$/),
			'Cracked on arrival',
		]);
		expect(fbaFile.rows.some((r) => r[1] === fbmOrder.orderId)).toBe(false);

		const fbmFile = await request('GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE');
		expect(fbmFile.header).toHaveLength(32);
		expect(fbmFile.header.slice(0, 5)).toEqual(['Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID']);
		expect(fbmFile.header.at(-1)).toBe('Refunded Amount');
		const row = Object.fromEntries(fbmFile.header.map((h, i) => [h, fbmFile.rows.find((r) => r[0] === fbmOrder.orderId)![i]]));
		const refundedCharges = -fbm.refund!.items[0].components.filter((c) => c.list === 'charge' || c.list === 'promotion').reduce((s, c) => s + c.amount, 0);
		expect(row).toMatchObject({ 'Return Reason': 'UNWANTED_ITEM', 'Merchant SKU': fbmOrder.items[0].sku, 'Return request status': 'Closed', 'Currency code': 'USD' });
		expect(Math.round(Number(row['Refunded Amount']) * 100)).toBe(refundedCharges);
		expect(fbmFile.rows.some((r) => r[0] === fbaOrder.orderId)).toBe(false);

		// The refund that followed the return is in the books, in the open settlement.
		const open = sim.finance.periods({ account: 'na', currency: 'USD', status: 'Open' })[0];
		expect(open.transactionIds).toContain(fbm.refund!.transactionId);
		expect(sim.validationErrors).toEqual([]);
	});

	test('seeded orders get returns of their own as time passes (FBA and FBM), each followed by its refund', async () => {
		sim.orders.lifecycle({ count: 300, over: 2 * DAY });
		clock.advance(30 * DAY);
		const returns = sim.finance.returns();
		expect(returns.some((r) => r.fulfillment === 'AFN')).toBe(true);
		expect(returns.some((r) => r.fulfillment === 'MFN')).toBe(true);
		for (const r of returns) {
			expect(r.refundTransactionId).toBeDefined();
			const refund = sim.finance.transactions({ orderId: r.orderId, kind: 'Refund' }).find((t) => t.transactionId === r.refundTransactionId)!;
			expect(refund.postedAt).toBeGreaterThanOrEqual(r.returnedAt);
			expect(refund.items[0].orderItemId).toBe(r.orderItemId);
		}
		const summary = sim.finance.summary();
		expect(summary.refunds).toBeGreaterThan(returns.length);
	});
});
