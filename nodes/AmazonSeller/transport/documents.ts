/**
 * Feed and report documents: PUT to the pre-signed URL createFeedDocument returns, GET from the
 * URL getFeedDocument / getReportDocument return (gzip when Amazon says so). These go to Amazon's
 * document store (S3), not to SP-API, so no access token and no rate budget: only the bounded
 * retry policy (5xx, throttling and reset connections are retried with backoff) and errors that
 * say what happened, with the HTTP status and how many tries it took.
 *
 * The transfer is made here rather than by amazon-sp-api because the library's errors drop the
 * HTTP status and, for an answer that is not S3's XML, carry an object as their message (which
 * users saw as "Document upload failed: [object Object]").
 */
import type { Agent, IncomingHttpHeaders } from 'http';
import * as https from 'https';
import { promisify, TextDecoder } from 'util';
import { gunzip } from 'zlib';

import { trackIo } from './clock';
import { afterTries, codeOf, describeCause, NETWORK_CODES, SpApiError } from './errors';
import { HINTS } from './hints';
import type { Attempt, RetryPolicy } from './retry';
import { withRetries } from './retry';

export interface TransferOptions {
	/** Attempts in all, the first included (default 4). */
	maxAttempts?: number;
	/** Total time for all attempts and waits (default 4 minutes: pre-signed URLs live 5). */
	deadlineMs?: number;
	/** Stops the transfer and its retries. */
	signal?: AbortSignal;
}

export const TRANSFER_RETRY = { maxAttempts: 4, deadlineMs: 4 * 60_000 } as const;
/** A transfer that receives nothing for this long is dropped (and retried). */
const IDLE_TIMEOUT_MS = 30_000;
/** Longest a single transfer may take, however slowly data keeps coming. */
const TRANSFER_DEADLINE_MS = 5 * 60_000;

type Direction = 'upload' | 'download';

interface HttpAnswer {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

const gunzipAsync = promisify(gunzip);

/** PUT `content` to a pre-signed upload URL, with the content type the document was created with. */
export async function uploadDocument(url: string, content: string, contentType: string, agent: Agent | undefined, options: TransferOptions = {}): Promise<void> {
	const body = Buffer.from(content, 'utf8');
	await transfer('upload', options, async () => {
		const answer = await send(url, { method: 'PUT', headers: { 'Content-Type': contentType, 'Content-Length': String(body.length) }, body, agent }, options.signal);
		if (answer.status < 200 || answer.status >= 300) throw httpFailure('upload', answer);
	});
}

/** GET a document from a pre-signed URL as text, unzipped when `compressionAlgorithm` is GZIP. */
export async function downloadDocument(url: string, compressionAlgorithm: string | undefined, agent: Agent | undefined, options: TransferOptions = {}): Promise<string> {
	if (compressionAlgorithm && compressionAlgorithm !== 'GZIP') {
		throw new SpApiError(`Document download failed: Amazon compressed it with ${compressionAlgorithm}, which this node cannot unpack (only GZIP)`, {
			code: 'UnknownCompression',
		});
	}
	return await transfer('download', options, async () => {
		const answer = await send(url, { method: 'GET', headers: {}, agent }, options.signal);
		if (answer.status < 200 || answer.status >= 300) throw httpFailure('download', answer);
		let bytes = answer.body;
		if (compressionAlgorithm) {
			// A cut-off transfer unzips badly too: another download may well succeed.
			bytes = await gunzipAsync(bytes).catch(async (error: unknown) =>
				await Promise.reject(new SpApiError('Document download failed: the gzip data is damaged', { code: 'GzipError', details: describeCause(error), transient: true })),
			);
		}
		return decodeText(bytes, answer.headers['content-type']);
	});
}

async function transfer<T>(direction: Direction, options: TransferOptions, attempt: () => Promise<T>): Promise<T> {
	const policy: RetryPolicy = {
		maxAttempts: options.maxAttempts ?? TRANSFER_RETRY.maxAttempts,
		deadlineMs: options.deadlineMs ?? TRANSFER_RETRY.deadlineMs,
		signal: options.signal,
	};
	return await withRetries(
		policy,
		async (): Promise<Attempt<T>> => {
			try {
				return { done: await attempt() };
			} catch (cause) {
				const error = cause instanceof SpApiError ? cause : connectionFailure(direction, cause, options.signal);
				return error.transient ? { backoff: error } : { fail: error };
			}
		},
		(error, run) => (error instanceof SpApiError ? afterTries(error, run.attempts) : error),
	);
}

function send(url: string, request: { method: string; headers: Record<string, string>; body?: Buffer; agent?: Agent }, signal: AbortSignal | undefined): Promise<HttpAnswer> {
	const target = new URL(url);
	const timeout = AbortSignal.timeout(TRANSFER_DEADLINE_MS);
	const work = new Promise<HttpAnswer>((resolve, reject) => {
		const req = https.request(
			{
				protocol: 'https:',
				hostname: target.hostname,
				port: Number(target.port || 443),
				path: `${target.pathname}${target.search}`,
				method: request.method,
				headers: request.headers,
				agent: request.agent,
				signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
				timeout: IDLE_TIMEOUT_MS,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(Object.assign(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
		req.on('error', reject);
		req.end(request.body);
	});
	return trackIo(work);
}

/** S3 answers errors as XML: <Error><Code>…</Code><Message>…</Message>…</Error>. */
function s3Error(body: Buffer): { code?: string; message?: string } {
	const text = body.toString('utf8');
	const tag = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1]?.trim() || undefined;
	return { code: tag('Code'), message: tag('Message') };
}

function httpFailure(direction: Direction, answer: HttpAnswer): SpApiError {
	const s3 = s3Error(answer.body);
	// 5xx and 429 are S3 being busy; RequestTimeout (400) is S3 giving up on a slow connection.
	const transient = answer.status >= 500 || answer.status === 429 || s3.code === 'RequestTimeout';
	const said = [s3.code, s3.message].filter(Boolean).join(': ');
	return new SpApiError(`Document ${direction} failed: HTTP ${answer.status} from the ${direction} URL`, {
		code: s3.code ?? `HTTP${answer.status}`,
		statusCode: answer.status,
		requestId: headerText(answer.headers['x-amz-request-id']),
		details: said ? `Amazon's document store said ${said}` : undefined,
		transient,
		hint: direction === 'upload' ? HINTS.uploadFailed : HINTS.downloadFailed,
	});
}

function connectionFailure(direction: Direction, cause: unknown, signal: AbortSignal | undefined): SpApiError {
	if (signal?.aborted) {
		return new SpApiError(`Document ${direction} stopped: the execution was cancelled`, { code: 'Aborted', details: describeCause(cause) });
	}
	const name = (cause as { name?: string } | undefined)?.name;
	const code = name === 'AbortError' || name === 'TimeoutError' ? 'ETIMEDOUT' : (codeOf(cause) ?? 'NetworkError');
	const details = describeCause(cause);
	return new SpApiError(`Document ${direction} failed: the connection failed (${code})`, {
		code,
		details,
		transient: NETWORK_CODES.has(code) || /socket hang up|aborted/i.test(details),
		hint: direction === 'upload' ? HINTS.uploadFailed : HINTS.downloadFailed,
	});
}

function decodeText(bytes: Buffer, contentType: string | undefined): string {
	const charset = /charset=([^;\s]+)/i.exec(contentType ?? '')?.[1]?.replace(/^"|"$/g, '') ?? 'utf-8';
	const decoder = decoderFor(charset);
	if (!decoder) throw new SpApiError(`Document download failed: Amazon wrote it in the character set "${charset}", which this Node.js cannot read`, { code: 'UnknownCharset' });
	return decoder.decode(bytes);
}

function decoderFor(charset: string): TextDecoder | undefined {
	try {
		return new TextDecoder(charset);
	} catch {
		return undefined;
	}
}

function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
