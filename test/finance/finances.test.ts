import {
	readFinancialEventGroup,
	readFinancialEventGroups,
	readTransaction,
	readTransactions,
} from '../../nodes/AmazonSeller/amazon/finances';
import { OrderMappingError } from '../../nodes/AmazonSeller/amazon/readError';
import { caught } from '../mapping/helpers';
import { findOperation, loadModel } from '../support/models';

/** Amazon's own examples from the official models are the fixtures: what Amazon documents must read. */
const model2024 = loadModel('finances_2024-06-19.json');
const modelV0 = loadModel('financesV0.json');
const sandbox200 = (model: any, operationId: string): any[] =>
	findOperation(model, operationId)!.op.responses['200']['x-amzn-api-sandbox'].static.map((entry: any) => entry.response);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('Finances 2024-06-19 transactions', () => {
	const example = model2024.definitions.Transaction.example;

	test("the model's Transaction example, flattened to minor units", () => {
		const flat = readTransaction(example);
		expect(flat).toMatchObject({
			transactionId: 'b1qD0oAliFkLiqRyGbmeT0DoS2Z2kHzi7TZ92z-vARI',
			transactionType: 'Shipment',
			// The example writes "Released"; the model's values are upper case.
			transactionStatus: 'RELEASED',
			deferred: false,
			description: 'Order Payment',
			postedDate: '2020-07-14T03:35:13.214Z',
			marketplaceId: 'ATVPDKIKX0DER',
			marketplaceName: 'Amazon.com',
			sellingPartnerId: 'XXXXXXXXXXXXXX',
			accountType: 'PAYABLE',
			currency: 'USD',
			exponent: 2,
			totalAmount: 1000,
			orderId: '8129762527551',
			related: { ORDER_ID: '8129762527551' },
			unexplained: 0,
			deferral: null,
			warnings: [],
		});
		// The example nests its breakdowns as {breakdowns: [...]}; the leaves are read either way.
		expect(flat.breakdowns).toEqual([{ path: ['Sales', 'Product Charges'], amount: 1000 }]);
		expect(flat.items).toEqual([
			{
				description: 'Item title',
				totalAmount: 1000,
				orderAdjustmentItemId: '81297625-121-27551',
				couponId: null,
				removalShipmentItemId: null,
				transactionId: null,
				sku: 'sku-12',
				asin: 'B07FGXZQZ1',
				quantityShipped: 1,
				fulfillmentNetwork: 'MFN',
				breakdowns: [{ path: ['Product Charges', 'Principle'], amount: 1000 }],
			},
		]);
	});

	test('the listTransactions sandbox response: settlement group and order from relatedIdentifiers', () => {
		const [response] = sandbox200(model2024, 'listTransactions');
		const transactions = readTransactions(response);
		expect(transactions).toHaveLength(1);
		expect(transactions[0]).toMatchObject({
			financialEventGroupId: '4MVaHcsAfaYAlwlaPWrXJxrfUiKfYZ2ooWtY7528FUA',
			orderId: '8129762527551',
			settlementId: null,
			totalAmount: 1000,
			transactionStatus: null,
			breakdowns: [],
		});
		expect(readTransactions(response.payload)).toEqual(transactions);
		expect(readTransactions(response.payload.transactions)).toEqual(transactions);
	});

	test('a deferred transaction says so, with its reason and maturity date', () => {
		const deferred = clone(example);
		deferred.transactionStatus = 'DEFERRED';
		deferred.contexts = [{ contextType: 'DeferredContext', deferralReason: 'DD7', maturityDate: '2024-07-14T00:00:00Z' }];
		deferred.relatedIdentifiers.push({ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: '11223344551' });
		expect(readTransaction(deferred)).toMatchObject({
			deferred: true,
			deferral: { reason: 'DD7', maturityDate: '2024-07-14T00:00:00Z' },
			settlementId: '11223344551',
		});
	});

	test('amounts are JSON numbers: read through their decimal form, exact to the cent', () => {
		const refund = clone(example);
		refund.totalAmount.currencyAmount = -10.34;
		refund.breakdowns = [
			{ breakdownType: 'ProductCharges', breakdownAmount: { currencyCode: 'USD', currencyAmount: -12.99 }, breakdowns: [] },
			{ breakdownType: 'AmazonFees', breakdownAmount: { currencyCode: 'USD', currencyAmount: 2.65 } },
		];
		const flat = readTransaction(refund);
		expect(flat.totalAmount).toBe(-1034);
		expect(flat.breakdowns.map((leaf) => leaf.amount)).toEqual([-1299, 265]);
		expect(flat.unexplained).toBe(0);
	});

	test('breakdowns that do not add up are kept, not lost: a "(rest)" leaf and a warning', () => {
		const spoiled = clone(example);
		spoiled.breakdowns.breakdowns[0].breakdownAmount.currencyAmount = 12;
		spoiled.totalAmount.currencyAmount = 12;
		const flat = readTransaction(spoiled);
		expect(flat.breakdowns).toEqual([
			{ path: ['Sales', 'Product Charges'], amount: 1000 },
			{ path: ['Sales', '(rest)'], amount: 200 },
		]);
		expect(flat.warnings.join('\n')).toMatch(/Sales is 1200 minor units but its parts add up to 1000/);
	});

	test('a total the breakdowns do not explain is reported', () => {
		const spoiled = clone(example);
		spoiled.totalAmount.currencyAmount = 11;
		expect(readTransaction(spoiled)).toMatchObject({ unexplained: 100 });
	});

	test.each([
		[(value: any) => (value.items[0].totalAmount.currencyCode = 'EUR'), 'items[0].totalAmount.currencyCode', /is EUR but the transaction is in USD/],
		[(value: any) => delete value.totalAmount, 'totalAmount', /is missing/],
		[(value: any) => (value.totalAmount.currencyCode = 'ZZZ'), 'totalAmount.currencyCode', /unknown currency/],
		[(value: any) => (value.postedDate = 'yesterday'), 'postedDate', /ISO 8601/],
		[(value: any) => (value.breakdowns = 'none'), 'breakdowns', /list of breakdowns/],
		[(value: any) => (value.totalAmount.currencyAmount = '12.345'), 'totalAmount.currencyAmount', /more decimals than the currency allows/],
	])('bad transaction %# names the field', async (spoil, path, reason) => {
		const value = clone(example);
		spoil(value);
		const error = await caught(() => readTransaction(value), OrderMappingError);
		expect(error.path).toBe(path);
		expect(error.reason).toMatch(reason);
	});

	test('a binary float artefact in a JSON number reads as the amount it stands for', () => {
		const value = clone(example);
		value.totalAmount.currencyAmount = 0.1 + 0.2; // 0.30000000000000004
		expect(readTransaction(value).totalAmount).toBe(30);
	});
});

describe('Finances v0 financial event groups (settlement periods)', () => {
	test('the listFinancialEventGroups sandbox response: the payout summary, exact', () => {
		const [response] = sandbox200(modelV0, 'listFinancialEventGroups');
		const groups = readFinancialEventGroups(response);
		expect(groups).toEqual([
			{
				financialEventGroupId: '1',
				processingStatus: 'PROCESSED',
				closed: false,
				fundTransferStatus: 'TRANSFERED',
				start: '2020-02-07T14:38:42.128Z',
				end: '2020-02-07T14:38:42.128Z',
				fundTransferDate: '2020-02-07T14:38:42.128Z',
				originalTotal: { amount: 1034, currency: 'USD' },
				convertedTotal: { amount: 3943, currency: 'USD' },
				beginningBalance: { amount: 5533, currency: 'USD' },
				traceId: '34550454504545',
				accountTail: '4854564857',
			},
		]);
	});

	test('a closed group is closed; a negative total (Amazon charges the seller) keeps its sign', () => {
		const [response] = sandbox200(modelV0, 'listFinancialEventGroups');
		const group = clone(response.payload.FinancialEventGroupList[0]);
		group.ProcessingStatus = 'Closed';
		group.OriginalTotal = { CurrencyCode: 'JPY', CurrencyAmount: -4900 };
		expect(readFinancialEventGroup(group)).toMatchObject({ closed: true, originalTotal: { amount: -4900, currency: 'JPY' } });
	});

	test('errors name the field', async () => {
		const error = await caught(() => readFinancialEventGroup({ ProcessingStatus: 'Open' }, 'payload.FinancialEventGroupList[3]'), OrderMappingError);
		expect(error.path).toBe('payload.FinancialEventGroupList[3].FinancialEventGroupId');
		const money = await caught(() => readFinancialEventGroup({ FinancialEventGroupId: 'x', OriginalTotal: { CurrencyAmount: 1 } }), OrderMappingError);
		expect(money.path).toBe('OriginalTotal.CurrencyCode');
	});
});
