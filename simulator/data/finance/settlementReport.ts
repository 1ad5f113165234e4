/**
 * GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, as the shared spec in the project brief describes
 * Amazon's file: tab-separated UTF-8, one header row, a summary row (settlement-id, the three
 * dates, total-amount = the deposit, currency), then one row per amount. Dates and decimals follow
 * the marketplace: North America `2026-01-05 08:00:00 UTC`, UK `05/01/2026 08:00:00 UTC`,
 * continental EU `05.01.2026 08:00:00 UTC` with a decimal comma, Japan `2026/01/05 08:00:00 UTC`
 * with whole yen.
 */
import { MARKETPLACES, formatAmount } from '../marketplaces';
import type { MoneyComponent, MoneyTransaction, SettlementPeriod } from './types';

export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
/**
 * Settlement report types Amazon generates itself; createReport refuses them with
 * "Request for report type N is not allowed at this time" (1117 and 1118 as Amazon answers; the
 * XML id is the simulator's).
 */
export const SETTLEMENT_REPORT_TYPES: Record<string, number> = {
	GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: 1117,
	GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: 1118,
	GET_V2_SETTLEMENT_REPORT_DATA_XML: 1116,
};

export const SETTLEMENT_COLUMNS = [
	'settlement-id',
	'settlement-start-date',
	'settlement-end-date',
	'deposit-date',
	'total-amount',
	'currency',
	'transaction-type',
	'order-id',
	'merchant-order-id',
	'adjustment-id',
	'shipment-id',
	'marketplace-name',
	'amount-type',
	'amount-description',
	'amount',
	'fulfillment-id',
	'posted-date',
	'posted-date-time',
	'order-item-code',
	'merchant-order-item-id',
	'merchant-adjustment-item-id',
	'sku',
	'quantity-purchased',
	'promotion-id',
] as const;

/** One amount row, before locale formatting (also what sim.finance's expected journal sums). */
export interface SettlementLine {
	transactionType: string;
	orderId: string;
	adjustmentId: string;
	shipmentId: string;
	marketplaceName: string;
	amountType: string;
	amountDescription: string;
	amount: number;
	fulfillmentId: string;
	postedAt: number;
	orderItemCode: string;
	sku: string;
	quantity: string;
	promotionId: string;
}

const TRANSACTION_TYPES: Record<string, string> = {
	Shipment: 'Order',
	Refund: 'Refund',
	Chargeback: 'Chargeback Refund',
	ServiceFee: 'other-transaction',
};

const CHARGE_DESCRIPTIONS: Record<string, string> = {
	Principal: 'Principal',
	Tax: 'Tax',
	ShippingCharge: 'Shipping',
	ShippingTax: 'ShippingTax',
	Giftwrap: 'GiftWrap',
	GiftwrapTax: 'GiftWrapTax',
};

/** amount-type and amount-description of one component. */
export function amountKind(c: MoneyComponent): [string, string] {
	switch (c.list) {
		case 'charge':
			return ['ItemPrice', CHARGE_DESCRIPTIONS[c.type] ?? c.type];
		case 'withheld':
			return ['ItemWithheldTax', c.type];
		case 'promotion':
			return ['Promotion', c.type];
		default:
			return ['ItemFees', c.type];
	}
}

export function settlementLines(tx: MoneyTransaction): SettlementLine[] {
	const mp = MARKETPLACES[tx.marketplaceId];
	const base = {
		transactionType: TRANSACTION_TYPES[tx.kind],
		orderId: tx.orderId ?? '',
		adjustmentId: tx.adjustmentId ?? '',
		shipmentId: tx.shipmentId ?? '',
		marketplaceName: mp.name,
		fulfillmentId: tx.fulfillment ?? '',
		postedAt: tx.postedAt,
	};
	if (tx.kind === 'ServiceFee') {
		return tx.fees.map((c) => ({
			...base,
			amountType: 'other-transaction',
			amountDescription: tx.feeDescription ?? c.type,
			amount: c.amount,
			orderItemCode: '',
			sku: '',
			quantity: '',
			promotionId: '',
		}));
	}
	const out: SettlementLine[] = [];
	for (const item of tx.items) {
		for (const c of item.components) {
			const [amountType, amountDescription] = amountKind(c);
			out.push({
				...base,
				amountType,
				amountDescription,
				amount: c.amount,
				orderItemCode: item.orderItemId,
				sku: item.sku,
				// Units are counted once per item line, on its principal.
				quantity: tx.kind === 'Shipment' && c.list === 'charge' && c.type === 'Principal' ? String(item.quantity) : '',
				promotionId: c.promotionId ?? '',
			});
		}
	}
	return out;
}

export interface SettlementLocale {
	dateTime(ms: number): string;
	date(ms: number): string;
	amount(minor: number): string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parts(ms: number): { y: string; m: string; d: string; time: string } {
	const t = new Date(ms);
	return {
		y: String(t.getUTCFullYear()),
		m: pad(t.getUTCMonth() + 1),
		d: pad(t.getUTCDate()),
		time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`,
	};
}

/** The file's formats for a settlement in `currency` (EUR: continental EU, GBP: UK, JPY: Japan, else North America). */
export function settlementLocale(currency: string): SettlementLocale {
	let date: (ms: number) => string;
	let amount: (minor: number) => string = formatAmount;
	if (currency === 'EUR') {
		date = (ms) => {
			const p = parts(ms);
			return `${p.d}.${p.m}.${p.y}`;
		};
		amount = (minor) => formatAmount(minor).replace('.', ',');
	} else if (currency === 'GBP') {
		date = (ms) => {
			const p = parts(ms);
			return `${p.d}/${p.m}/${p.y}`;
		};
	} else if (currency === 'JPY') {
		date = (ms) => {
			const p = parts(ms);
			return `${p.y}/${p.m}/${p.d}`;
		};
		amount = (minor) => {
			if (minor % 100 !== 0) throw new Error(`JPY amount ${minor} is not whole yen`);
			return String(minor / 100);
		};
	} else {
		date = (ms) => {
			const p = parts(ms);
			return `${p.y}-${p.m}-${p.d}`;
		};
	}
	return { date, dateTime: (ms) => `${date(ms)} ${parts(ms).time} UTC`, amount };
}

export function renderSettlementReport(p: SettlementPeriod): string {
	const f = settlementLocale(p.currency);
	const empty = () => SETTLEMENT_COLUMNS.map(() => '');
	const header = SETTLEMENT_COLUMNS.join('\t');
	const summary = empty();
	summary[0] = p.settlementId;
	summary[1] = f.dateTime(p.start);
	summary[2] = f.dateTime(p.end);
	summary[3] = f.dateTime(p.depositDate ?? p.end);
	summary[4] = f.amount(p.total);
	summary[5] = p.currency;
	const rows = [header, summary.join('\t')];
	for (const tx of p.transactions) {
		for (const l of settlementLines(tx)) {
			rows.push(
				[
					p.settlementId,
					'',
					'',
					'',
					'',
					'',
					l.transactionType,
					l.orderId,
					'',
					l.adjustmentId,
					l.shipmentId,
					l.marketplaceName,
					l.amountType,
					l.amountDescription,
					f.amount(l.amount),
					l.fulfillmentId,
					f.date(l.postedAt),
					f.dateTime(l.postedAt),
					l.orderItemCode,
					'',
					'',
					l.sku,
					l.quantity,
					l.promotionId,
				]
					.map((v) => v.replace(/[\t\r\n]+/g, ' '))
					.join('\t'),
			);
		}
	}
	return rows.join('\n') + '\n';
}
