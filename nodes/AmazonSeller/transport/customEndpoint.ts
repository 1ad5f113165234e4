/**
 * The credential's Custom Endpoint URL receives everything the credential holds: the LWA client
 * secret and refresh token (token requests), every access token (SP-API calls) and every feed and
 * report document. So it is checked before any request is made:
 *  - plain http only to this machine (loopback: localhost, 127.0.0.0/8, ::1); anything else needs
 *    https, or the secrets would cross the network in clear text;
 *  - scheme, host and port only: the endpoint agent swaps the TCP destination and keeps Amazon's
 *    own paths, so a path (or query, or user name) in the URL could not be honoured.
 */
import { isIPv4, isIPv6 } from 'net';

import { SpApiError } from './errors';

const FIELD = 'Custom Endpoint URL';

/** Whether `hostname` (as URL.hostname gives it) is this machine. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost') return true;
	if (isIPv4(host)) return host.startsWith('127.');
	if (isIPv6(host)) {
		if (host === '::1') return true;
		// IPv4-mapped loopback (::ffff:127.x.y.z), which URL writes as ::ffff:7fxx:yyzz.
		return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127\./.test(host);
	}
	return false;
}

/** The Custom Endpoint URL, checked; throws an SpApiError naming the field and what to change. */
export function parseCustomEndpoint(raw: string | undefined): URL {
	const text = (raw ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol)) {
		throw refuse(`The credential's ${FIELD} "${text}" is not an http(s) URL`);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw refuse(
			`${FIELD}: plain http is only allowed to this machine (loopback: localhost, 127.0.0.0/8, ::1); use https://${url.host} instead, because the client secret, refresh token and access tokens are sent to it`,
		);
	}
	if (url.username || url.password) {
		throw refuse(`${FIELD}: a user name or password in the URL cannot be used; give only scheme, host and port (e.g. https://${url.host})`);
	}
	if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
		throw refuse(
			`${FIELD}: the path "${url.pathname}${url.search}${url.hash}" cannot be honoured (requests keep Amazon's own paths); give only scheme, host and port, e.g. ${url.protocol}//${url.host}`,
		);
	}
	return url;
}

function refuse(message: string): SpApiError {
	return new SpApiError(message, {
		code: 'CredentialIncomplete',
		hint: 'Change the Custom Endpoint URL in the Amazon Seller API credential; no request was made.',
	});
}
