import { registerSecret, scrubSecrets, scrubValue } from '../../nodes/AmazonSeller/transport/secrets';

describe('secret scrubbing', () => {
	it('removes registered secrets and LWA-shaped tokens wherever they appear', () => {
		registerSecret('my-client-secret-value-123');
		const text =
			'failed with my-client-secret-value-123 and Atza|IwEBIAbc-def_ghi and Atzr|IwEBIJrefresh and amzn1.oa2-cs.v1.abcdef0123';
		const scrubbed = scrubSecrets(text);
		expect(scrubbed).not.toContain('my-client-secret-value-123');
		expect(scrubbed).not.toMatch(/Atz[ar]\|/);
		expect(scrubbed).not.toContain('amzn1.oa2-cs.v1.');
		expect(scrubbed).toContain('failed with ***');
	});

	it('scrubs nested values and leaves ordinary data alone', () => {
		registerSecret('Atzr|secret-refresh-token-xyz');
		const value = { a: ['ok', { b: 'token Atzr|secret-refresh-token-xyz here' }], n: 5 };
		expect(scrubValue(value)).toEqual({ a: ['ok', { b: 'token *** here' }], n: 5 });
	});

	it('ignores values too short to be secrets', () => {
		registerSecret('abc');
		expect(scrubSecrets('abc abc')).toBe('abc abc');
	});
});
