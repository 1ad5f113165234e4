import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSpApiClient } from '../../transport';
import type { AmazonOrder } from './amazonOrder';
import { includedDataField, optionsCollection, orderIdField } from './fields';
import { ItemBatch } from './itemBatch';
import { readOrderId } from './orderFields';

const show = { resource: ['order'], operation: ['get'] };

export const description: INodeProperties[] = [
	orderIdField('get', 'The Amazon order to get'),
	optionsCollection(show, [includedDataField(['FULFILLMENT'], 'Extra data sets to include with the order and its items')]),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Every order id is checked before the first call.
	const checked = await ItemBatch.of(this, items).map((itemIndex) => ({
		orderId: readOrderId(this.getNodeParameter('orderId', itemIndex)),
		includedData: this.getNodeParameter('options.includedData', itemIndex, ['FULFILLMENT']) as string[],
	}));
	if (checked.live.length === 0) return checked.output(() => undefined);

	const client = await getSpApiClient.call(this);
	const read = await checked.map(async (itemIndex, { orderId, includedData }) => {
		checked.noteOrder(itemIndex, orderId);
		const { body } = await client.call<{ order: AmazonOrder }>('getOrder', { path: { orderId }, query: { includedData } });
		return body.order as unknown as IDataObject;
	});
	return read.output((_itemIndex, order) => order);
}
