/**
 * The order acknowledgement feed (Feeds 2021-06-30, feedType POST_ORDER_ACKNOWLEDGEMENT_DATA):
 * Amazon's documented way for a seller to cancel merchant-fulfilled orders or order items.
 * Amazon documents it as XML only (OrderAcknowledgement.xsd); there is no JSON variant of it.
 * Pure: builds the document (its processing report is read by processingReport.ts), no n8n, no transport.
 */
export const ACKNOWLEDGEMENT_FEED_TYPE = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';
export const ACKNOWLEDGEMENT_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export interface CancelMessage {
	messageId: number;
	orderId: string;
	items: Array<{ orderItemId: string; cancelReason: string }>;
}

/** One message per order: StatusCode Failure cancels the listed items with their reasons. */
export function buildAcknowledgementFeed(merchantIdentifier: string, messages: CancelMessage[]): string {
	const body = messages
		.map((message) =>
			[
				'  <Message>',
				`    <MessageID>${message.messageId}</MessageID>`,
				'    <OrderAcknowledgement>',
				`      <AmazonOrderID>${xml(message.orderId)}</AmazonOrderID>`,
				'      <StatusCode>Failure</StatusCode>',
				...message.items.map((item) =>
					[
						'      <Item>',
						`        <AmazonOrderItemCode>${xml(item.orderItemId)}</AmazonOrderItemCode>`,
						`        <CancelReason>${xml(item.cancelReason)}</CancelReason>`,
						'      </Item>',
					].join('\n'),
				),
				'    </OrderAcknowledgement>',
				'  </Message>',
			].join('\n'),
		)
		.join('\n');
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
		'  <Header>',
		'    <DocumentVersion>1.01</DocumentVersion>',
		`    <MerchantIdentifier>${xml(merchantIdentifier)}</MerchantIdentifier>`,
		'  </Header>',
		'  <MessageType>OrderAcknowledgement</MessageType>',
		body,
		'</AmazonEnvelope>',
		'',
	].join('\n');
}

function xml(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
