import type { RawFbmInput } from '../../nodes/AmazonSeller/rules/fbmQuantity';
import { describeProblem, fulfillmentAvailabilityPatch, Unreadable, validateFbmInputs } from '../../nodes/AmazonSeller/rules/fbmQuantity';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DE = 'A1PA6795UKMFR9';

const input = (itemIndex: number, fields: Partial<RawFbmInput> = {}): RawFbmInput => ({
	itemIndex,
	sku: `SKU-${itemIndex}`,
	quantity: 5,
	marketplaceId: US,
	...fields,
});

const check = (inputs: RawFbmInput[], duplicates: 'error' | 'lastWins' = 'error') => validateFbmInputs(inputs, { region: 'na', duplicates });

describe('Update FBM Quantity input checks', () => {
	it('accepts whole quantities, including 0 and numeric text, and trims SKUs', () => {
		const { requests, problems } = check([input(0, { quantity: 0 }), input(1, { quantity: '12', sku: '  MUG-01 ' }), input(2, { sku: 12345 })]);
		expect(problems).toEqual([]);
		expect(requests.map((r) => [r.sku, r.quantity])).toEqual([
			['SKU-0', 0],
			['MUG-01', 12],
			['12345', 5],
		]);
	});

	it.each([
		[-1, 'must be a whole number of 0 or more, not -1'],
		[2.5, 'not 2.5'],
		['3.0', 'not "3.0"'],
		['', 'not empty'],
		[null, 'not null'],
		[undefined, 'not missing'],
		[true, 'not true'],
		[Number.NaN, 'not NaN'],
		[1e12, 'must be at most 2,147,483,647'],
		['2147483648', 'must be at most 2,147,483,647'],
	])('rejects quantity %p, naming the item, SKU and field', (quantity, expected) => {
		const { requests, problems } = check([input(0), input(1, { quantity })]);
		expect(requests.map((r) => r.itemIndex)).toEqual([0]);
		expect(problems).toHaveLength(1);
		expect(describeProblem(problems[0])).toContain('Item 1 (SKU "SKU-1"): Quantity');
		expect(problems[0].message).toContain(expected);
	});

	it('requires a SKU on every item and Amazon\'s 40-character limit', () => {
		const long = 'X'.repeat(41);
		const { problems } = check([input(0, { sku: '' }), input(1, { sku: undefined }), input(2, { sku: long }), input(3, { sku: { id: 1 } })]);
		expect(problems.map((p) => [p.itemIndex, p.field])).toEqual([
			[0, 'SKU'],
			[1, 'SKU'],
			[2, 'SKU'],
			[3, 'SKU'],
		]);
		expect(problems[2].message).toContain('41 characters');
		expect(problems[2].sku).toBe(long);
	});

	it('rejects unknown marketplaces and marketplaces of another region than the credential', () => {
		const { problems } = check([input(0, { marketplaceId: 'US' }), input(1, { marketplaceId: DE }), input(2, { marketplaceId: CA })]);
		expect(problems.map((p) => p.itemIndex)).toEqual([0, 1]);
		expect(problems[0].message).toContain('"US" is not an Amazon marketplace ID');
		expect(problems[1].message).toContain('amazon.de');
		expect(problems[1].message).toContain('credential is for NA');
	});

	it('reads optional handling time, restock date and product type, and checks them', () => {
		const { requests, problems } = check([
			input(0, { handlingTimeDays: '3', restockDate: '2026-03-31T10:00:00.000+02:00', productType: ' home_bed_and_bath ' }),
			input(1, { handlingTimeDays: -2 }),
			input(2, { restockDate: '2026-02-30' }),
			input(3, { productType: 'bed & bath' }),
			input(4, { handlingTimeDays: '', restockDate: null, productType: '' }),
		]);
		expect(requests.map((r) => r.itemIndex)).toEqual([0, 4]);
		expect(requests[0]).toMatchObject({ handlingTimeDays: 3, restockDate: '2026-03-31', productType: 'HOME_BED_AND_BATH' });
		expect(requests[1].handlingTimeDays).toBeUndefined();
		expect(problems.map((p) => [p.itemIndex, p.field])).toEqual([
			[1, 'Handling Time (Days)'],
			[2, 'Restock Date'],
			[3, 'Product Type'],
		]);
	});

	it('reports a failed expression as a problem of its field', () => {
		const { problems } = check([input(0, { quantity: new Unreadable("Cannot read properties of undefined (reading 'free')") })]);
		expect(problems).toEqual([expect.objectContaining({ itemIndex: 0, sku: 'SKU-0', field: 'Quantity' })]);
		expect(problems[0].message).toContain('could not be evaluated');
	});

	it('reports every problem of every item, not just the first', () => {
		const { problems } = check([input(0, { sku: '', quantity: -1, marketplaceId: '' }), input(1, { quantity: 'ten' })]);
		expect(problems.map((p) => `${p.itemIndex}:${p.field}`)).toEqual(['0:SKU', '0:Quantity', '0:Marketplace', '1:Quantity']);
	});

	describe('duplicate SKUs in one run', () => {
		const inputs = [input(0, { sku: 'A', quantity: 1 }), input(1, { sku: 'B' }), input(2, { sku: 'A', quantity: 7 }), input(3, { sku: 'A', marketplaceId: CA })];

		it('fail every item of the SKU by default (the same SKU in another marketplace is no duplicate)', () => {
			const { requests, problems } = check(inputs);
			expect(requests.map((r) => r.itemIndex)).toEqual([1, 3]);
			expect(problems.map((p) => p.itemIndex)).toEqual([0, 2]);
			expect(problems[0].message).toContain('items 0, 2');
		});

		it('send the last item with "last wins", and report the earlier ones as superseded', () => {
			const { requests, problems, superseded } = check(inputs, 'lastWins');
			expect(problems).toEqual([]);
			expect(requests.map((r) => [r.itemIndex, r.quantity])).toEqual([
				[1, 5],
				[2, 7],
				[3, 5],
			]);
			expect(superseded.map((s) => [s.request.itemIndex, s.byItemIndex])).toEqual([[0, 2]]);
		});
	});
});

describe('fulfillment_availability patch', () => {
	const [request] = check([input(0, { quantity: 9 })]).requests;

	it('merges the merchant (DEFAULT) channel quantity only', () => {
		expect(fulfillmentAvailabilityPatch(request)).toEqual({
			op: 'merge',
			path: '/attributes/fulfillment_availability',
			value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }],
		});
	});

	it('carries handling time and restock date when given', () => {
		const [withExtras] = check([input(0, { quantity: 0, handlingTimeDays: 4, restockDate: '2026-04-01' })]).requests;
		expect(fulfillmentAvailabilityPatch(withExtras).value).toEqual([
			{ fulfillment_channel_code: 'DEFAULT', quantity: 0, lead_time_to_ship_max_days: 4, restock_date: '2026-04-01' },
		]);
	});
});
