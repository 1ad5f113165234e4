import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';

import { parseCustomEndpoint } from './customEndpoint';

/**
 * amazon-sp-api has no base-URL option: it always requests https://<amazon host>:443. This agent
 * dials the configured custom endpoint instead for every connection (token, SP-API, document
 * upload and download), keeping the Amazon host name in the Host header so the endpoint (our
 * simulator, or a proxy) can route by host exactly as Amazon does. Only the TCP destination
 * changes, which is why the URL may not carry a path (see customEndpoint.ts).
 */
export function createEndpointAgent(baseUrl: string): https.Agent {
	const url = parseCustomEndpoint(baseUrl);
	const useTls = url.protocol === 'https:';
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const port = Number(url.port || (useTls ? 443 : 80));

	class EndpointAgent extends https.Agent {
		createConnection(): net.Socket {
			return useTls ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port });
		}
	}
	return new EndpointAgent({ keepAlive: true, maxSockets: 16 });
}
