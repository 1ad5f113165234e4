import { currencyExponent } from '../amazon/currencies';
import type { CreditNote, CreditNoteLine } from './creditNote';
import type { JournalEntry, OrderLink, UnmappedType } from './journalEntry';
import { parseMinor, type Money } from '../amazon/money';
import type { ErpProductRef } from './salesOrderTypes';

/**
 * The Odoo presets of the money side: `account.move` values ready for n8n's Odoo node (Custom
 * Resource → account.move → Create with "Map Automatically", which sends the item's JSON as the
 * record's values), so `accountMove` is exactly what Odoo's create receives:
 * - a payout: `move_type: 'entry'`, `journal_id`, `date`, `ref`, and `line_ids` as Odoo's
 *   one2many create commands `[0, 0, { account_id, name, debit, credit, partner_id }]`;
 * - a refund: `move_type: 'out_refund'`, `partner_id`, `invoice_date`, `ref` (order id +
 *   adjustment id), `invoice_origin`, `invoice_line_ids` commands `[0, 0, { product_id, name,
 *   quantity, price_unit }]`.
 * Amounts are numbers with the currency's decimals (12.34; yen 5980), as Odoo's float fields take
 * them; ids are integers (a reference made of digits becomes one). Keys whose value the user did
 * not give (journal, partner, product) are left out, so Odoo's defaults apply instead of an empty value.
 * Pure: no n8n imports.
 */
export type OdooId = number | string;

export interface OdooJournalEntryOptions {
	/** account.journal id of the entry (e.g. an "Amazon" miscellaneous or bank journal). */
	journalId?: OdooId | null;
	/** res.partner id put on every line (the Amazon partner, e.g. Amazon EU S.à r.l.). */
	partnerId?: OdooId | null;
}

export interface OdooMoveLine {
	account_id: OdooId | null;
	name: string;
	debit: number;
	credit: number;
	partner_id?: OdooId;
}

export interface OdooJournalMove {
	move_type: 'entry';
	journal_id?: OdooId;
	date: string;
	ref: string;
	line_ids: Array<[0, 0, OdooMoveLine]>;
}

export interface OdooJournalEntry {
	accountMove: OdooJournalMove;
	settlementId: string;
	currency: string;
	balanced: boolean;
	orders: OrderLink[];
	unmapped: UnmappedType[];
	reconciliation: JournalEntry['reconciliation'];
	warnings: string[];
}

export function toOdooJournalEntry(entry: JournalEntry, options: OdooJournalEntryOptions = {}): OdooJournalEntry {
	const exponent = exponentOf(entry.currency);
	const partner = odooId(options.partnerId);
	const journal = odooId(options.journalId);
	const lines = entry.lines.map((line): [0, 0, OdooMoveLine] => {
		const values: OdooMoveLine = {
			account_id: odooId(line.account) ?? null,
			name: line.name,
			debit: toNumber(line.debit, exponent),
			credit: toNumber(line.credit, exponent),
		};
		if (partner !== undefined && line.type !== 'deposit') values.partner_id = partner;
		return [0, 0, values];
	});
	const move: OdooJournalMove = { move_type: 'entry', date: entry.date, ref: entry.reference, line_ids: lines };
	if (journal !== undefined) move.journal_id = journal;
	return {
		accountMove: move,
		settlementId: entry.settlementId,
		currency: entry.currency,
		balanced: entry.balanced,
		orders: entry.orders,
		unmapped: entry.unmapped,
		reconciliation: entry.reconciliation,
		warnings: entry.warnings,
	};
}

export interface OdooCreditNoteOptions {
	/** res.partner id of the customer (find it by the sales order's partner or matching key). */
	partnerId?: OdooId | null;
	/** account.journal id (a sales journal); Odoo's default sales journal otherwise. */
	journalId?: OdooId | null;
	/** Give price_unit with tax included (Odoo taxes "Included in Price"). */
	priceIncludesTax?: boolean;
}

export interface OdooInvoiceLine {
	product_id?: OdooId;
	name: string;
	quantity: number;
	price_unit: number;
}

export interface OdooCreditNoteMove {
	move_type: 'out_refund';
	partner_id?: OdooId;
	journal_id?: OdooId;
	invoice_date?: string;
	ref: string;
	invoice_origin: string | null;
	invoice_line_ids: Array<[0, 0, OdooInvoiceLine]>;
}

export interface OdooCreditNote {
	accountMove: OdooCreditNoteMove;
	/** How price_unit is given: tax included (forced when Amazon gave no tax split) or not. */
	priceIncludesTax: boolean;
	reference: string;
	currency: string;
	totals: CreditNote['totals'];
	fees: CreditNote['fees'];
	reconciliation: CreditNote['reconciliation'];
	warnings: string[];
}

export function toOdooCreditNote(note: CreditNote, options: OdooCreditNoteOptions = {}): OdooCreditNote {
	const exponent = exponentOf(note.currency);
	const warnings = [...note.warnings];
	// Without Amazon's tax split the only truthful price is the tax-included one.
	const includeTax = options.priceIncludesTax === true || note.taxStatus === 'unknown';
	if (includeTax && options.priceIncludesTax !== true) {
		warnings.push('price_unit is given with tax included because Amazon gave no tax split: use Odoo taxes that are "Included in Price" on these lines.');
	}
	const move: OdooCreditNoteMove = {
		move_type: 'out_refund',
		ref: note.reference,
		invoice_origin: note.orderId,
		invoice_line_ids: note.lines.map((line) => [0, 0, invoiceLine(line, includeTax, exponent)]),
	};
	const partner = odooId(options.partnerId);
	const journal = odooId(options.journalId);
	if (partner !== undefined) move.partner_id = partner;
	if (journal !== undefined) move.journal_id = journal;
	if (note.date) move.invoice_date = note.date;
	return {
		accountMove: move,
		priceIncludesTax: includeTax,
		reference: note.reference,
		currency: note.currency,
		totals: note.totals,
		fees: note.fees,
		reconciliation: note.reconciliation,
		warnings,
	};
}

function invoiceLine(line: CreditNoteLine, includeTax: boolean, exponent: number): OdooInvoiceLine {
	const net = parseMinor(line.amount.amount, exponent, 'amount');
	const tax = line.tax ? parseMinor(line.tax.amount, exponent, 'tax') : 0;
	const price = includeTax && !line.priceIncludesTax ? net + tax : net;
	// A quantity only when it divides the amount exactly: price_unit × quantity must give it back.
	const quantity = line.quantity !== null && line.quantity > 1 && price % line.quantity === 0 ? line.quantity : 1;
	const values: OdooInvoiceLine = {
		name: quantity === 1 && line.quantity !== null && line.quantity > 1 ? `${line.name} (${line.quantity} units)` : line.name,
		quantity,
		price_unit: price / quantity / 10 ** exponent,
	};
	const product = odooId(line.erpProduct);
	if (product !== undefined) values.product_id = product;
	return values;
}

function exponentOf(currency: string): number {
	return currencyExponent(currency) ?? 2;
}

function toNumber(money: Money, exponent: number): number {
	return parseMinor(money.amount, exponent, 'amount') / 10 ** exponent;
}

/** Odoo ids are integers: digits become a number; absent or blank stays absent. */
function odooId(ref: ErpProductRef | OdooId | null | undefined): OdooId | undefined {
	if (ref === null || ref === undefined) return undefined;
	if (typeof ref === 'string') {
		const text = ref.trim();
		if (!text) return undefined;
		return /^\d+$/.test(text) ? Number(text) : text;
	}
	return ref;
}
