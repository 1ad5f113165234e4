import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import { validateFbmInputs } from '../../nodes/AmazonSeller/rules/fbmQuantity';
import { buildListingsFeed } from '../../nodes/AmazonSeller/amazon/listingsFeed';
import { loadModel } from '../support/models';

const { requests } = validateFbmInputs(
	[
		{ itemIndex: 0, sku: 'MUG-01', quantity: 12, marketplaceId: 'ATVPDKIKX0DER' },
		{ itemIndex: 1, sku: 'LAMP-7', quantity: 0, marketplaceId: 'ATVPDKIKX0DER', handlingTimeDays: 3, restockDate: '2026-05-01' },
	],
	{ region: 'na', duplicates: 'error' },
);
const entries = requests.map((request, i) => ({ request, productType: i === 0 ? 'DRINKING_CUP' : 'LAMP' }));

describe('JSON_LISTINGS_FEED document', () => {
	const document = buildListingsFeed('A1SELLER', entries);

	it('numbers messages from 1 in input order, one PATCH per SKU with its product type', () => {
		expect(document.header).toEqual({ sellerId: 'A1SELLER', version: '2.0', issueLocale: 'en_US' });
		expect(document.messages.map((m) => [m.messageId, m.sku, m.operationType, m.productType])).toEqual([
			[1, 'MUG-01', 'PATCH', 'DRINKING_CUP'],
			[2, 'LAMP-7', 'PATCH', 'LAMP'],
		]);
		expect(document.messages[1].patches[0].value).toEqual([
			{ fulfillment_channel_code: 'DEFAULT', quantity: 0, lead_time_to_ship_max_days: 3, restock_date: '2026-05-01' },
		]);
	});
});

describe('documents and patches against the official models', () => {
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);

	it('the feed validates against listings-feed-schema-v2.json', () => {
		const schema = loadModel('listings-feed-schema-v2.json');
		delete schema.$schema;
		const validate = ajv.compile(schema);
		const document = buildListingsFeed('A1SELLER', entries);
		expect(validate(document) ? [] : validate.errors).toEqual([]);
		// The schema can fail: a message without a product type is rejected.
		const broken = { ...document, messages: [{ ...document.messages[0], productType: undefined }] };
		expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
	});

	it('the patchListingsItem body validates against ListingsItemPatchRequest', () => {
		const model = loadModel('listingsItems_2021-08-01.json');
		ajv.addSchema({ $id: 'listingsItems', definitions: model.definitions });
		const validate = ajv.compile({ $ref: 'listingsItems#/definitions/ListingsItemPatchRequest' });
		for (const message of buildListingsFeed('A1SELLER', entries).messages) {
			const body = { productType: message.productType, patches: message.patches };
			expect(validate(body) ? [] : validate.errors).toEqual([]);
		}
		expect(validate({ productType: 'LAMP', patches: [] })).toBe(false);
	});
});
