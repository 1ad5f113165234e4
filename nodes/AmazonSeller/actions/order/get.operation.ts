import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AmazonOrder } from '../../amazon/orders';
import { orderSubject } from '../../rules/inputError';
import { readOrderId } from '../../rules/orderFields';
import { getSpApiClient } from '../../transport';
import type { ItemRunner } from '../itemRunner';
import { includedDataField, optionsCollection, orderIdField } from './fields';

const show = { resource: ['order'], operation: ['get'] };

export const description: INodeProperties[] = [
	orderIdField('get', 'The Amazon order to get'),
	optionsCollection(show, [includedDataField(['FULFILLMENT'], 'Extra data sets to include with the order and its items')]),
];

export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const checked = runner.read(
		(itemIndex) => ({
			orderId: readOrderId(this.getNodeParameter('orderId', itemIndex)),
			includedData: this.getNodeParameter('options.includedData', itemIndex, ['FULFILLMENT']) as string[],
		}),
		{ subject: ({ orderId }) => orderSubject(orderId) },
	);
	if (checked.length === 0) return;

	const client = await getSpApiClient.call(this);
	await runner.each(checked, async ({ itemIndex, value: { orderId, includedData } }) => {
		const { body } = await client.call<{ order: AmazonOrder }>('getOrder', { path: { orderId }, query: { includedData } });
		runner.ok(itemIndex, body.order as unknown as IDataObject);
	});
}
