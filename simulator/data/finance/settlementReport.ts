/**
 * GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, as the shared spec in the project brief describes
 * Amazon's file: tab-separated UTF-8, one header row, a summary row (settlement-id, the three
 * dates, total-amount = the deposit, currency), then one row per amount. Dates and decimals follow
 * the marketplace: North America `2026-01-05 08:00:00 UTC`, UK `05/01/2026 08:00:00 UTC`,
 * continental EU `05.01.2026 08:00:00 UTC` with a decimal comma, Japan `2026/01/05 08:00:00 UTC`
 * with whole yen.
 */
import { MARKETPLACES, formatAmount } from '../marketplaces';
import type { MoneyComponent, MoneyItem, MoneyTransaction, SettlementPeriod } from './types';

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

/**
 * Walks the file rows of one transaction: amount-type, amount-description, amount, and for item
 * rows the item and component. The single mapping behind the file and sim.finance's journal.
 */
export function visitLines(
	tx: MoneyTransaction,
	visit: (amountType: string, amountDescription: string, amount: number, item?: MoneyItem, c?: MoneyComponent) => void,
): void {
	if (tx.kind === 'ServiceFee') {
		for (const c of tx.fees) visit('other-transaction', tx.feeDescription ?? c.type, c.amount);
		return;
	}
	for (const item of tx.items) {
		for (const c of item.components) {
			const [amountType, amountDescription] = amountKind(c);
			visit(amountType, amountDescription, c.amount, item, c);
		}
	}
}

/** Units are counted once per sold item line, on its principal row. */
function quantityOf(tx: MoneyTransaction, item?: MoneyItem, c?: MoneyComponent): string {
	return item && c && tx.kind === 'Shipment' && c.list === 'charge' && c.type === 'Principal' ? String(item.quantity) : '';
}

export function settlementLines(tx: MoneyTransaction): SettlementLine[] {
	const out: SettlementLine[] = [];
	const transactionType = TRANSACTION_TYPES[tx.kind];
	const marketplaceName = MARKETPLACES[tx.marketplaceId].name;
	visitLines(tx, (amountType, amountDescription, amount, item, c) =>
		out.push({
			transactionType,
			orderId: tx.orderId ?? '',
			adjustmentId: tx.adjustmentId ?? '',
			shipmentId: tx.shipmentId ?? '',
			marketplaceName,
			amountType,
			amountDescription,
			amount,
			fulfillmentId: tx.fulfillment ?? '',
			postedAt: tx.postedAt,
			orderItemCode: item?.orderItemId ?? '',
			sku: item?.sku ?? '',
			quantity: quantityOf(tx, item, c),
			promotionId: c?.promotionId ?? '',
		}),
	);
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

const cell = (v: string) => (/[\t\r\n]/.test(v) ? v.replace(/[\t\r\n]+/g, ' ') : v);

/** The whole file. Built row by row from per-transaction prefixes: a settlement can hold 100,000 lines. */
export function renderSettlementReport(p: SettlementPeriod): string {
	const f = settlementLocale(p.currency);
	const header = SETTLEMENT_COLUMNS.join('\t');
	const summary = [p.settlementId, f.dateTime(p.start), f.dateTime(p.end), f.dateTime(p.depositDate ?? p.end), f.amount(p.total), p.currency];
	const rows = [header, summary.concat(SETTLEMENT_COLUMNS.slice(6).map(() => '')).join('\t')];
	const id = cell(p.settlementId);
	for (const tx of p.transactions) {
		// settlement-id, five empty summary columns, transaction-type … marketplace-name
		const head = `${id}\t\t\t\t\t\t${TRANSACTION_TYPES[tx.kind]}\t${cell(tx.orderId ?? '')}\t\t${cell(tx.adjustmentId ?? '')}\t${cell(tx.shipmentId ?? '')}\t${MARKETPLACES[tx.marketplaceId].name}\t`;
		// fulfillment-id, posted-date, posted-date-time
		const posted = `\t${tx.fulfillment ?? ''}\t${f.date(tx.postedAt)}\t${f.dateTime(tx.postedAt)}\t`;
		visitLines(tx, (amountType, amountDescription, amount, item, c) => {
			rows.push(
				`${head}${amountType}\t${cell(amountDescription)}\t${f.amount(amount)}${posted}` +
					`${item ? cell(item.orderItemId) : ''}\t\t\t${item ? cell(item.sku) : ''}\t${quantityOf(tx, item, c)}\t${cell(c?.promotionId ?? '')}`,
			);
		});
	}
	return rows.join('\n') + '\n';
}
