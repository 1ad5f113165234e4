import { planInventoryBatches, readChangedSince, readSkuList, requestersOf } from '../../nodes/AmazonSeller/rules/fbaInventory';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const NOW = Date.UTC(2026, 5, 1, 12);

describe('SKU lists', () => {
	it('reads comma- or newline-separated text and lists, trimmed and without repeats', () => {
		expect(readSkuList(' MUG-01, LAMP-7,\nMUG-01,')).toEqual({ skus: ['MUG-01', 'LAMP-7'], errors: [] });
		expect(readSkuList(['A,B', 12])).toEqual({ skus: ['A,B', '12'], errors: [] });
	});

	it('says what is wrong with a list', () => {
		expect(readSkuList('').errors).toEqual(['no SKU was given']);
		expect(readSkuList(undefined).errors).toEqual(['no SKU was given']);
		expect(readSkuList(['A', '', 'X'.repeat(41)]).errors).toEqual([
			'one SKU of the list is empty',
			expect.stringContaining('41 characters'),
		]);
	});
});

describe('changed since', () => {
	it('accepts a recent date-time and normalises it to UTC', () => {
		expect(readChangedSince('2026-05-01T08:00:00+02:00', NOW)).toEqual({ value: '2026-05-01T06:00:00.000Z' });
	});

	it('refuses what Amazon would: more than 18 months back, or in the future', () => {
		expect(readChangedSince('2024-11-30T00:00:00Z', NOW).error).toContain('18 months');
		expect(readChangedSince('2026-06-02T00:00:00Z', NOW).error).toContain('future');
		expect(readChangedSince('last week', NOW).error).toContain('not "last week"');
	});
});

describe('batches of getInventorySummaries calls', () => {
	it('sends each distinct SKU once per marketplace, 50 per call, and remembers who asked', () => {
		const first = Array.from({ length: 40 }, (_, i) => `SKU-${i}`);
		const second = Array.from({ length: 30 }, (_, i) => `SKU-${i + 30}`); // 10 overlap with the first item
		const batches = planInventoryBatches([
			{ itemIndex: 0, marketplaceId: US, details: false, skus: first },
			{ itemIndex: 1, marketplaceId: US, details: false, skus: second },
			{ itemIndex: 2, marketplaceId: CA, details: false, skus: ['SKU-0'] },
		]);
		expect(batches.map((b) => [b.marketplaceId, b.skus.length, b.single])).toEqual([
			[US, 50, false],
			[US, 10, false],
			[CA, 1, false],
		]);
		expect(requestersOf(batches[0], 'SKU-35')).toEqual([0, 1]);
		expect(requestersOf(batches[1], 'SKU-59')).toEqual([1]);
		expect(requestersOf(batches[2], 'SKU-0')).toEqual([2]);
	});

	it('keeps detail levels apart and sends a SKU with a comma on its own', () => {
		const batches = planInventoryBatches([
			{ itemIndex: 0, marketplaceId: US, details: true, skus: ['A', 'B,C'] },
			{ itemIndex: 1, marketplaceId: US, details: false, skus: ['A'] },
		]);
		expect(batches.map((b) => [b.details, b.skus, b.single])).toEqual([
			[true, ['A'], false],
			[true, ['B,C'], true],
			[false, ['A'], false],
		]);
	});

	it('pairs a summary whose SKU comes back in other letter case', () => {
		const [batch] = planInventoryBatches([{ itemIndex: 3, marketplaceId: US, details: false, skus: ['mug-01'] }]);
		expect(requestersOf(batch, 'MUG-01')).toEqual([3]);
	});
});
