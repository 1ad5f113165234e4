/**
 * The transport's one door: everything other modules use from it is exported here.
 */
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { SpApiClient } from './client';
import type { AmazonSellerCredentials } from './credentials';
import { setClusterLogger } from '../cluster/redis';
import { toNodeError } from './errors';

export type { CallOptions, SpApiRequest, SpApiResponse } from './client';
export { SpApiClient } from './client';
export type { Clock } from './clock';
export { abortReason, getClock, setClock, systemClock, trackIo } from './clock';
export type { AmazonSellerCredentials, SpApiEnvironment, SpApiRegion } from './credentials';
export { isLoopbackHost, parseCustomEndpoint } from './customEndpoint';
export type { TransferOptions } from './documents';
export { RateBudgetError, SpApiError, toNodeError } from './errors';
export type { BudgetKey, RateBudget } from './budget';
export { getRateBudget, InProcessRateBudget, PACING_SLACK_MS, setRateBudget } from './budget';
export type { FeedRequest, FeedRun, FeedState, FeedStatus, FeedWaitOptions, Issue, MessageResult, MessageStatus } from './feeds';
export { collectFeed, FEED_POLL, runFeed } from './feeds';
export type { OperationName, OperationSpec } from './operations';
export { OPERATIONS } from './operations';
export type { AmazonReport, FindReportsQuery, ReportProcessingStatus, ReportRequest, ReportWait } from './reports';
export { findReports, oldestCreatedSince, parseReport, readReportDocument, REPORT_POLL, REPORT_RETENTION_MS, requestReport, waitForReport } from './reports';
export type { FoundSettlement, SettlementFilter } from './settlements';
export { eventGroupOf, findLatestSettlement, findLatestSettlements, findSettlementById, settlementReports } from './settlements';
export type { Attempt, RetryPolicy } from './retry';
export { withRetries } from './retry';
export { scrubSecrets, scrubValue } from './secrets';
export { transportState } from './state';

type CredentialedContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_NAME = 'amazonSellerApi';

/** The cached client of the node's Amazon Seller API credential. */
export async function getSpApiClient(this: CredentialedContext): Promise<SpApiClient> {
	const credentials = (await this.getCredentials(CREDENTIAL_NAME)) as unknown as AmazonSellerCredentials;
	// Warnings about the shared budget (queue mode's Redis) go to the log of n8n's process.
	setClusterLogger(this.logger);
	try {
		return SpApiClient.for(credentials);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
