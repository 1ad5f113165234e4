import { chunk } from '../../nodes/AmazonSeller/rules/batches';
import { listingFacts, matchListings, searchableBySku } from '../../nodes/AmazonSeller/amazon/listings';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

describe('listing facts from searchListingsItems', () => {
	it('reads the product type of the asked marketplace and a merchant-fulfilled offer', () => {
		const facts = listingFacts(
			{
				sku: 'MUG-01',
				summaries: [
					{ marketplaceId: CA, productType: 'WRONG' },
					{ marketplaceId: US, productType: 'DRINKING_CUP' },
				],
				fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 3 }],
			},
			US,
		);
		expect(facts).toEqual({ found: true, productType: 'DRINKING_CUP', channels: ['DEFAULT'], amazonFulfilled: false });
	});

	it.each(['AMAZON_NA', 'AMAZON_EU', 'AMAZON_FE', 'AMAZON_JP'])('flags an offer on %s as Amazon-fulfilled, also next to DEFAULT', (code) => {
		const only = listingFacts({ sku: 'X', fulfillmentAvailability: [{ fulfillmentChannelCode: code }] }, US);
		const both = listingFacts({ sku: 'X', fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT' }, { fulfillmentChannelCode: code }] }, US);
		expect([only.amazonFulfilled, both.amazonFulfilled]).toEqual([true, true]);
		expect(both.channels).toEqual(['DEFAULT', code]);
	});

	it('says "not found" when Amazon returned no listing for the SKU', () => {
		expect(listingFacts(undefined, US)).toEqual({ found: false, channels: [], amazonFulfilled: false });
	});

	it('falls back to productTypes when summaries are absent', () => {
		expect(listingFacts({ sku: 'X', productTypes: [{ marketplaceId: US, productType: 'LAMP' }] }, US).productType).toBe('LAMP');
	});
});

describe('matching search results to SKUs', () => {
	it('matches exactly, or by letter case when only one item differs in case', () => {
		const items = [{ sku: 'mug-01' }, { sku: 'Lamp' }, { sku: 'LAMP' }, { sku: 'Bowl' }];
		const matched = matchListings(['MUG-01', 'lamp', 'Bowl', 'Plate'], items);
		expect(matched.get('MUG-01')?.sku).toBe('mug-01');
		expect(matched.has('lamp')).toBe(false); // ambiguous: two spellings
		expect(matched.get('Bowl')?.sku).toBe('Bowl');
		expect(matched.has('Plate')).toBe(false);
	});

	it('keeps SKUs with commas out of the comma-separated search', () => {
		expect([searchableBySku('A,B'), searchableBySku('A-B')]).toEqual([false, true]);
	});

	it('batches identifiers by the search limit', () => {
		expect(chunk(Array.from({ length: 41 }, (_, i) => i), 20).map((b) => b.length)).toEqual([20, 20, 1]);
	});
});
