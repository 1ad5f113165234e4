/**
 * Feed and report documents behind pre-signed S3 URLs. Like S3, a URL is valid for five minutes,
 * an upload must carry the Content-Type it was signed for, and errors come back as S3 XML.
 */
import { Rng } from './random';
import { DOCUMENT_HOSTS, type Region } from './marketplaces';

export const URL_TTL_MS = 5 * 60_000;

export interface SimDocument {
	id: string;
	region: Region;
	sellerId: string;
	kind: 'feed' | 'feedResult' | 'report';
	contentType: string;
	content?: Buffer;
	compression?: 'GZIP';
	createdAt: number;
	uploadedAt?: number;
}

interface SignedUrl {
	docId: string;
	method: 'GET' | 'PUT';
	expiresAt: number;
}

export class DocumentStore {
	readonly docs = new Map<string, SimDocument>();
	private urls = new Map<string, SignedUrl>();
	private rng: Rng;

	constructor(seed: number) {
		this.rng = new Rng(seed ^ 0xd0c5);
	}

	create(doc: Omit<SimDocument, 'id'>, idPrefix: string): SimDocument {
		const id = `${idPrefix}.${this.rng.uuid()}`;
		const full = { ...doc, id };
		this.docs.set(id, full);
		return full;
	}

	/** A fresh pre-signed URL for one method on one document. */
	sign(doc: SimDocument, method: 'GET' | 'PUT', now: number): string {
		const signature = this.rng.hex(64);
		this.urls.set(signature, { docId: doc.id, method, expiresAt: now + URL_TTL_MS });
		const date = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
		const credential = encodeURIComponent(`AKIA${this.rng.chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`);
		const signedHeaders = method === 'PUT' ? 'content-type%3Bhost' : 'host';
		return (
			`https://${DOCUMENT_HOSTS[doc.region]}/NinetyDays/${encodeURIComponent(doc.id)}` +
			`?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-SignedHeaders=${signedHeaders}` +
			`&X-Amz-Expires=300&X-Amz-Credential=${credential}&X-Amz-Signature=${signature}`
		);
	}

	resolve(signature: string | null): SignedUrl | undefined {
		return signature ? this.urls.get(signature) : undefined;
	}
}

/** S3's error document. */
export function s3Error(code: string, message: string, requestId: string, extra = ''): string {
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}` +
		`<RequestId>${requestId}</RequestId><HostId>${Buffer.from(requestId).toString('base64')}</HostId></Error>`
	);
}
