import { isLoopbackHost, parseCustomEndpoint } from '../../nodes/AmazonSeller/transport/customEndpoint';
import { SpApiError } from '../../nodes/AmazonSeller/transport/errors';

describe('Custom Endpoint URL checks', () => {
	it.each(['localhost', '127.0.0.1', '127.255.1.2', '[::1]', '[::ffff:127.0.0.1]'])('treats %s as this machine', (host) => {
		expect(isLoopbackHost(new URL(`http://${host}:4010`).hostname)).toBe(true);
	});

	it.each(['0.0.0.0', '10.0.0.5', '128.0.0.1', 'localhost.example.com', 'example.com', '[::2]', '[::ffff:10.0.0.1]'])('treats %s as another machine', (host) => {
		expect(isLoopbackHost(new URL(`http://${host}:4010`).hostname)).toBe(false);
	});

	it('reads shorthand loopback addresses the way the URL parser normalises them', () => {
		expect(parseCustomEndpoint('http://127.1:4010').hostname).toBe('127.0.0.1');
	});

	const refusal = (raw: string) => {
		try {
			parseCustomEndpoint(raw);
		} catch (error) {
			expect(error).toBeInstanceOf(SpApiError);
			return (error as SpApiError).message;
		}
		throw new Error(`${raw} was accepted`);
	};

	it('says what to change for each refused URL', () => {
		expect(refusal('http://10.0.0.5:4010')).toBe(
			'Custom Endpoint URL: plain http is only allowed to this machine (loopback: localhost, 127.0.0.0/8, ::1); use https://10.0.0.5:4010 instead, because the client secret, refresh token and access tokens are sent to it',
		);
		expect(refusal('https://proxy.example.com/sp-api')).toBe(
			'Custom Endpoint URL: the path "/sp-api" cannot be honoured (requests keep Amazon\'s own paths); give only scheme, host and port, e.g. https://proxy.example.com',
		);
		expect(refusal('https://proxy.example.com/?region=eu')).toContain('the path "/?region=eu" cannot be honoured');
		expect(refusal('https://user:pw@proxy.example.com')).toContain('a user name or password in the URL cannot be used');
		expect(refusal('proxy.example.com:443')).toContain('is not an http(s) URL');
		expect(refusal('')).toBe('The credential\'s Custom Endpoint URL "" is not an http(s) URL');
	});

	it('accepts https anywhere and a bare trailing slash', () => {
		expect(parseCustomEndpoint('https://proxy.example.com:8443/').host).toBe('proxy.example.com:8443');
		expect(parseCustomEndpoint(' http://localhost:4010 ').port).toBe('4010');
	});
});
