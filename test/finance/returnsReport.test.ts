import { ReportFormatError } from '../../nodes/AmazonSeller/amazon/flatFile';
import { parseReturnsReport } from '../../nodes/AmazonSeller/amazon/returnsReport';
import { caught } from '../mapping/helpers';
import { financeFixture } from './helpers';

/** Both returns reports (FBM and FBA) read into one return shape, with a stable id for each return. */
describe('merchant-fulfilled returns (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE)', () => {
	const returns = parseReturnsReport(financeFixture('returns-fbm.tsv'));

	test('each item of a return request is a return, its id the RMA and the SKU', () => {
		expect(returns.map((entry) => [entry.returnId, entry.returnIdSource, entry.quantity])).toEqual([
			['DkW7gQ2mRMA/COASTER-SET-4', 'rma', 1],
			['DkW7gQ2mRMA/MUG-BLUE-12OZ', 'rma', 2],
			['fbm/114-2038475-6619302/PUZZLE-1000-MAP/2026-01-13T09:30:00Z', 'derived', 1],
		]);
	});

	test('the fields a return event carries', () => {
		expect(returns[0]).toEqual({
			returnId: 'DkW7gQ2mRMA/COASTER-SET-4',
			returnIdSource: 'rma',
			reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE',
			fulfilledBy: 'FBM',
			orderId: '112-4830291-5567213',
			sku: 'COASTER-SET-4',
			asin: 'B0B9HF6T1K',
			fnsku: null,
			title: 'Cork Coaster Set of 4, Round',
			quantity: 1,
			// The report's own "12-Jan-2026".
			returnDate: '2026-01-12',
			reason: 'CR-UNWANTED_ITEM',
			disposition: null,
			status: 'Approved',
			amazonRmaId: 'DkW7gQ2mRMA',
			merchantRmaId: 'RMA-1001',
			trackingId: '1Z999AA10123456784',
			carrier: 'UPS',
			resolution: 'StandardRefund',
			returnType: 'C-Returns',
			inPolicy: true,
			returnDeliveryDate: '2026-01-15',
			fulfillmentCenterId: null,
			licensePlateNumber: null,
			customerComments: null,
			row: 2,
		});
		expect(returns[2]).toMatchObject({ inPolicy: false, resolution: 'Replacement', amazonRmaId: null, status: 'Closed' });
	});
});

describe('Amazon-fulfilled returns (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA)', () => {
	const returns = parseReturnsReport(financeFixture('returns-fba.tsv'));

	test('ids from the license plate, else order + SKU + return date; identical rows are numbered', () => {
		expect(returns.map((entry) => [entry.returnId, entry.returnIdSource])).toEqual([
			['fba/113-3385021-9902647/BOTTLE-SS-750/LPNRR123456789', 'licensePlate'],
			['fba/250-4471029-3380216/FUROSHIKI-70/2026-01-15T06:05:00Z', 'derived'],
			['fba/250-4471029-3380216/FUROSHIKI-70/2026-01-15T06:05:00Z#2', 'derived'],
		]);
	});

	test('disposition, reason, status and quantity as Amazon found them; dates in UTC', () => {
		expect(returns[0]).toMatchObject({
			fulfilledBy: 'FBA',
			reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA',
			orderId: '113-3385021-9902647',
			sku: 'BOTTLE-SS-750',
			asin: 'B08L5WRM7K',
			fnsku: 'X002ABCD12',
			quantity: 1,
			returnDate: '2026-01-14T18:32:28Z',
			disposition: 'SELLABLE',
			reason: 'UNWANTED_ITEM',
			status: 'Unit returned to inventory',
			fulfillmentCenterId: 'PHX7',
			licensePlateNumber: 'LPNRR123456789',
			customerComments: 'Changed my mind',
		});
		expect(returns[1]).toMatchObject({ title: '風呂敷 70cm 綿', quantity: 2, disposition: 'CUSTOMER_DAMAGED' });
	});

	test('the id does not change when Amazon updates the status or disposition of the same return', () => {
		const updated = financeFixture('returns-fba.tsv').replace('SELLABLE\tUNWANTED_ITEM\tUnit returned to inventory', 'DEFECTIVE\tUNWANTED_ITEM\tReimbursed');
		expect(parseReturnsReport(updated)[0].returnId).toBe(returns[0].returnId);
	});
});

describe('errors name the row and the column', () => {
	const failure = (text: string) => caught(() => parseReturnsReport(text), ReportFormatError);
	const fba = financeFixture('returns-fba.tsv');

	test.each([
		[fba.replace('\t1\tPHX7', '\tone\tPHX7'), 2, 'quantity', /"one" is not a whole number/],
		[fba.replace('2026-01-14T18:32:28+00:00', '14 Jan'), 2, 'return-date', /is not a date/],
		[fba.replace('113-3385021-9902647', ''), 2, 'order-id', /is empty/],
		[financeFixture('returns-fbm.tsv').replace('12-Jan-2026', '12-Jab-2026'), 2, 'Return request date', /names no month/],
	])('case %#', async (text, row, column, reason) => {
		const error = await failure(text);
		expect(error).toMatchObject({ row, column });
		expect(error.reason).toMatch(reason);
	});

	test('a file that is neither returns report says what it expected', async () => {
		const error = await failure('settlement-id\ttotal-amount\n1\t2\n');
		expect(error.reason).toMatch(/neither GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE .* nor GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA/);
	});

	test('a returns report that lacks a needed column', async () => {
		const error = await failure('return-date\torder-id\tdetailed-disposition\n2026-01-14\t1\tSELLABLE\n');
		expect(error.reason).toMatch(/the header lacks sku, quantity/);
	});
});
