import { describeIssues, messageOutcome, parseProcessingReport, ProcessingReportError } from '../../nodes/AmazonSeller/amazon/processingReport';

/** An order acknowledgement processing report as Amazon writes it (XML). */
const xmlReport = (results: string, processed = 3) => `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
	<Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>A1B2C3</MerchantIdentifier></Header>
	<MessageType>ProcessingReport</MessageType>
	<Message>
		<MessageID>1</MessageID>
		<ProcessingReport>
			<DocumentTransactionID>50012345678</DocumentTransactionID>
			<StatusCode>Complete</StatusCode>
			<ProcessingSummary>
				<MessagesProcessed>${processed}</MessagesProcessed>
				<MessagesSuccessful>2</MessagesSuccessful>
				<MessagesWithError>1</MessagesWithError>
				<MessagesWithWarning>1</MessagesWithWarning>
			</ProcessingSummary>
			${results}
		</ProcessingReport>
	</Message>
</AmazonEnvelope>`;

const xmlResult = (messageId: number, code: 'Error' | 'Warning', messageCode: number, description: string, info = '') =>
	`<Result><MessageID>${messageId}</MessageID><ResultCode>${code}</ResultCode><ResultMessageCode>${messageCode}</ResultMessageCode>` +
	`<ResultDescription>${description}</ResultDescription>${info ? `<AdditionalInfo>${info}</AdditionalInfo>` : ''}</Result>`;

describe('processing reports, XML (order acknowledgement feed)', () => {
	const report = parseProcessingReport(
		xmlReport(
			xmlResult(2, 'Error', 18028, 'The order ID 111-0000000-0000000 was not found for this merchant &amp; marketplace.', '<AmazonOrderID>111-0000000-0000000</AmazonOrderID>') +
				xmlResult(3, 'Warning', 99001, '<![CDATA[Reason "NoInventory" <restocks nothing>]]>', '<SKU>MUG-1</SKU>'),
		),
	);

	it('reads each message result, the envelope\'s own MessageID aside', () => {
		expect(report.format).toBe('xml');
		expect(report.summary).toEqual({ messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1, messagesWithWarning: 1 });
		expect(messageOutcome(report, 1)).toEqual({ accepted: true, errors: [], warnings: [] });
		expect(messageOutcome(report, 2)).toEqual({
			accepted: false,
			errors: [{ code: '18028', message: 'The order ID 111-0000000-0000000 was not found for this merchant & marketplace.', severity: 'ERROR', orderId: '111-0000000-0000000' }],
			warnings: [],
		});
		expect(messageOutcome(report, 3)).toEqual({
			accepted: true,
			errors: [],
			warnings: [{ code: '99001', message: 'Reason "NoInventory" <restocks nothing>', severity: 'WARNING', sku: 'MUG-1' }],
		});
		expect(report.documentIssues).toEqual([]);
	});

	it('treats MessageID 0 as the document: its error rejects every message', () => {
		const whole = parseProcessingReport(xmlReport(xmlResult(0, 'Error', 5000, 'XML Parsing Error at Line 4'), 0));
		expect(whole.documentIssues).toEqual([{ code: '5000', message: 'XML Parsing Error at Line 4', severity: 'ERROR' }]);
		for (const id of [1, 2]) expect(messageOutcome(whole, id)).toMatchObject({ accepted: false, errors: [{ code: '5000' }] });
	});
});

describe('processing reports, JSON (listings feed)', () => {
	const json = (issues: unknown[], summary: Record<string, number> = { errors: 1, warnings: 2, messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1 }) =>
		JSON.stringify({ header: { sellerId: 'A1B2C3', version: '2.0', feedId: '50012345678' }, issues, summary });

	it('reads errors, warnings and informational issues per message', () => {
		const report = parseProcessingReport(
			json([
				{ messageId: 1, code: '90220', severity: 'ERROR', message: "'fulfillment_availability' is invalid", attributeName: 'fulfillment_availability', sku: 'MUG-1' },
				{ messageId: 2, code: '18000', severity: 'WARNING', message: 'Restock date in the past' },
				{ messageId: 2, code: '10001', severity: 'INFO', message: 'Processed', attributeNames: ['a', 'b'] },
				{ messageId: 3, code: '4000003', message: 'No severity given' },
			]),
		);
		expect(report.format).toBe('json');
		expect(report.summary).toEqual({ messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1 });
		expect(messageOutcome(report, 1)).toEqual({
			accepted: false,
			errors: [{ code: '90220', message: "'fulfillment_availability' is invalid", severity: 'ERROR', attributeNames: ['fulfillment_availability'], sku: 'MUG-1' }],
			warnings: [],
		});
		expect(messageOutcome(report, 2)).toMatchObject({ accepted: true, errors: [], warnings: [{ severity: 'WARNING' }, { severity: 'INFO', attributeNames: ['a', 'b'] }] });
		// Without a severity, an issue is read as the stricter one.
		expect(messageOutcome(report, 3)).toMatchObject({ accepted: false, errors: [{ code: '4000003', severity: 'ERROR' }] });
		expect(messageOutcome(report, 4)).toEqual({ accepted: true, errors: [], warnings: [] });
		expect(describeIssues(messageOutcome(report, 1).errors)).toBe("'fulfillment_availability' is invalid [90220]");
	});

	it('rejects every message when an error names no message (or message 0), but not for a document warning', () => {
		const rejected = parseProcessingReport(json([{ code: '100001', severity: 'ERROR', message: 'The feed is not valid JSON' }], { messagesProcessed: 0 }));
		expect(rejected.documentIssues).toHaveLength(1);
		expect(messageOutcome(rejected, 1)).toMatchObject({ accepted: false, errors: [{ code: '100001' }] });
		const zero = parseProcessingReport(json([{ messageId: 0, severity: 'ERROR', message: 'Header sellerId does not match' }]));
		expect(messageOutcome(zero, 7).accepted).toBe(false);
		const warned = parseProcessingReport(json([{ severity: 'WARNING', message: 'Deprecated header field' }]));
		expect(messageOutcome(warned, 1)).toEqual({ accepted: true, errors: [], warnings: [] });
		expect(warned.documentIssues).toHaveLength(1);
	});
});

describe('a document that is not a processing report', () => {
	it.each([
		['plain text', 'Service Unavailable'],
		['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
		['JSON of something else', '{"errors":[{"code":"InternalFailure"}]}'],
		['broken JSON', '{"issues": ['],
		['an empty body', ''],
	])('is an error, never "every message accepted": %s', (_, text) => {
		expect(() => parseProcessingReport(text)).toThrow(ProcessingReportError);
	});

	it('reads an order acknowledgement report as Amazon writes it: entities decoded, the order id kept, summary counts', () => {
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
		expect(report.summary).toMatchObject({ messagesProcessed: 3, messagesInvalid: 1 });
		expect(messageOutcome(report, 1)).toEqual({ accepted: true, errors: [], warnings: [] });
		expect(messageOutcome(report, 2)).toMatchObject({ accepted: false, errors: [{ code: '18028', message: 'The order & its items were already shipped', orderId: '903-0000000-0000001' }] });
		expect(messageOutcome(report, 3)).toMatchObject({ accepted: true, warnings: [{ code: '5001', message: 'CancelReason ignored' }] });
	});
});
