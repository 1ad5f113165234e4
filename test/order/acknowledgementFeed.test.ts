import { buildAcknowledgementFeed, parseProcessingReport } from '../../nodes/AmazonSeller/amazon/acknowledgementFeed';

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

	it('reads per-message errors and warnings from an XML processing report; other messages were accepted', () => {
		const report = parseProcessingReport(`<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
  <Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>A1B2C3D4E5F6G7</MerchantIdentifier></Header>
  <MessageType>ProcessingReport</MessageType>
  <Message>
    <MessageID>1</MessageID>
    <ProcessingReport>
      <DocumentTransactionID>50012345</DocumentTransactionID>
      <StatusCode>Complete</StatusCode>
      <ProcessingSummary>
        <MessagesProcessed>3</MessagesProcessed>
        <MessagesSuccessful>2</MessagesSuccessful>
        <MessagesWithError>1</MessagesWithError>
        <MessagesWithWarning>1</MessagesWithWarning>
      </ProcessingSummary>
      <Result>
        <MessageID>2</MessageID>
        <ResultCode>Error</ResultCode>
        <ResultMessageCode>18028</ResultMessageCode>
        <ResultDescription>The order &amp; its items were already shipped</ResultDescription>
        <AdditionalInfo><AmazonOrderID>903-0000000-0000001</AmazonOrderID></AdditionalInfo>
      </Result>
      <Result>
        <MessageID>3</MessageID>
        <ResultCode>Warning</ResultCode>
        <ResultMessageCode>5001</ResultMessageCode>
        <ResultDescription>CancelReason ignored</ResultDescription>
      </Result>
    </ProcessingReport>
  </Message>
</AmazonEnvelope>`);
		expect(report.messagesProcessed).toBe(3);
		expect(report.messagesWithError).toBe(1);
		expect(report.errors.get(2)).toEqual([{ code: '18028', message: 'The order & its items were already shipped' }]);
		expect(report.errors.has(1)).toBe(false);
		expect(report.warnings.get(3)).toEqual([{ code: '5001', message: 'CancelReason ignored' }]);
		expect(report.documentErrors).toEqual([]);
	});

	it('reports an error without a message id as a problem with the whole document', () => {
		const report = parseProcessingReport(
			'<AmazonEnvelope><Message><MessageID>1</MessageID><ProcessingReport><Result><MessageID>0</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>5000</ResultMessageCode><ResultDescription>XML Parsing Fatal Error</ResultDescription></Result></ProcessingReport></Message></AmazonEnvelope>',
		);
		expect(report.documentErrors).toEqual([{ code: '5000', message: 'XML Parsing Fatal Error' }]);
		expect(report.errors.size).toBe(0);
	});

	it('reads a JSON processing report too', () => {
		const report = parseProcessingReport(
			JSON.stringify({
				header: { sellerId: 'A1', version: '2.0', feedId: '1' },
				issues: [
					{ messageId: 2, code: '4000', severity: 'ERROR', message: 'Order not found' },
					{ messageId: 1, code: '10', severity: 'WARNING', message: 'note' },
				],
				summary: { errors: 1, warnings: 1, messagesProcessed: 2, messagesAccepted: 1, messagesInvalid: 1 },
			}),
		);
		expect(report.errors.get(2)).toEqual([{ code: '4000', message: 'Order not found' }]);
		expect(report.warnings.get(1)).toEqual([{ code: '10', message: 'note' }]);
		expect(report.messagesSuccessful).toBe(1);
	});
});
