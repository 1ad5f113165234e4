import { buildAcknowledgementFeed } from '../../nodes/AmazonSeller/amazon/acknowledgementFeed';

describe('order acknowledgement feed', () => {
	it('puts one Failure message per order with each item and its reason, in the order the schema wants', () => {
		const xml = buildAcknowledgementFeed('A1B2C3D4E5F6G7', [
			{ messageId: 1, orderId: '902-1106328-1059050', items: [{ orderItemId: '11111111111111', cancelReason: 'NoInventory' }] },
			{ messageId: 2, orderId: '903-0000000-0000001', items: [{ orderItemId: '3333 & <4>', cancelReason: 'BuyerCanceled' }] },
		]);
		expect(xml).toMatch(/<MessageType>OrderAcknowledgement<\/MessageType>/);
		expect(xml).toMatch(/<MerchantIdentifier>A1B2C3D4E5F6G7<\/MerchantIdentifier>/);
		const messages = [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => m[1].replace(/\s+/g, ''));
		expect(messages).toEqual([
			'<MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>902-1106328-1059050</AmazonOrderID><StatusCode>Failure</StatusCode><Item><AmazonOrderItemCode>11111111111111</AmazonOrderItemCode><CancelReason>NoInventory</CancelReason></Item></OrderAcknowledgement>',
			'<MessageID>2</MessageID><OrderAcknowledgement><AmazonOrderID>903-0000000-0000001</AmazonOrderID><StatusCode>Failure</StatusCode><Item><AmazonOrderItemCode>3333&amp;&lt;4&gt;</AmazonOrderItemCode><CancelReason>BuyerCanceled</CancelReason></Item></OrderAcknowledgement>',
		]);
	});
});
