/**
 * Amazon's tab-separated flat files (settlement and returns reports): one header row, then one
 * record per line, no quoting. Rows are numbered as a spreadsheet shows them (the header is row
 * 1), so an error points at the line a user opens. Lines are found with indexOf and cut with a
 * one-character split: no regular expression runs per line, so a 100,000-line file costs one
 * pass. Pure: no n8n imports, no I/O.
 */
export class ReportFormatError extends Error {
	/** Spreadsheet row number (header = 1); null for the file as a whole. */
	readonly row: number | null;
	/** Column name as in the header; null for a whole row or the file. */
	readonly column: string | null;
	readonly reason: string;

	constructor(row: number | null, column: string | null, reason: string) {
		const where = [row !== null ? `row ${row}` : '', column !== null ? `column "${column}"` : ''].filter(Boolean).join(', ');
		super(where ? `${where[0].toUpperCase()}${where.slice(1)}: ${reason}` : reason);
		this.name = 'ReportFormatError';
		this.row = row;
		this.column = column;
		this.reason = reason;
	}
}

/**
 * Splits text that may arrive in chunks (a decompressed download) into lines, handing each
 * complete line to `onLine` as a range of a text (no copy is made), with its 1-based line
 * number. A byte-order mark and Windows line ends are removed; the caller decodes bytes (UTF-8)
 * before pushing.
 */
export class LineSplitter {
	private rest = '';
	private lineNumber = 0;
	private started = false;

	constructor(private readonly onLine: (text: string, start: number, end: number, lineNumber: number) => void) {}

	push(chunk: string): void {
		let text = this.rest ? this.rest + chunk : chunk;
		let start = 0;
		if (!this.started && text.length > 0) {
			this.started = true;
			if (text.charCodeAt(0) === 0xfeff) start = 1;
		}
		for (;;) {
			const end = text.indexOf('\n', start);
			if (end === -1) break;
			this.emit(text, start, end);
			start = end + 1;
		}
		if (start > 0) text = text.slice(start);
		this.rest = text;
	}

	end(): void {
		if (this.rest.length > 0) this.emit(this.rest, 0, this.rest.length);
		this.rest = '';
	}

	private emit(text: string, start: number, end: number): void {
		this.lineNumber++;
		const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end; // \r\n
		this.onLine(text, start, stop, this.lineNumber);
	}
}

/** Splits a whole text into lines (strings), with their line numbers; blank lines are left out. */
export function textLines(text: string): Array<{ line: string; row: number }> {
	const lines: Array<{ line: string; row: number }> = [];
	const splitter = new LineSplitter((source, start, end, row) => {
		const line = source.slice(start, end);
		if (!isBlankLine(line)) lines.push({ line, row });
	});
	splitter.push(text);
	splitter.end();
	return lines;
}

/** A line holding nothing but tabs and spaces (a trailing empty line, a spreadsheet's blank row). */
export function isBlankLine(line: string): boolean {
	for (let index = 0; index < line.length; index++) {
		const code = line.charCodeAt(index);
		if (code !== 9 && code !== 32) return false;
	}
	return true;
}

/** A header name as matched: trimmed, lower case, spaces/underscores/hyphens alike ("Order ID" = "order-id"). */
export function normalizeHeader(name: string): string {
	return name.trim().toLowerCase().replace(/[\s_-]+/g, '-');
}

/** Column positions by normalised name; a repeated column is refused (which one would be meant?). */
export function headerIndex(cells: string[], row: number): Map<string, number> {
	const index = new Map<string, number>();
	cells.forEach((cell, position) => {
		const name = normalizeHeader(cell);
		if (!name) return;
		if (index.has(name)) throw new ReportFormatError(row, cell.trim(), 'appears twice in the header');
		index.set(name, position);
	});
	return index;
}

/** A cell's text, trimmed; '' when the column is absent or the line is shorter than the header. */
export function cell(cells: string[], position: number | undefined): string {
	if (position === undefined) return '';
	const value = cells[position];
	if (value === undefined) return '';
	// Amazon's cells carry no padding; trim only when there is something to trim.
	const length = value.length;
	if (length === 0) return value;
	const first = value.charCodeAt(0);
	const last = value.charCodeAt(length - 1);
	return first === 32 || last === 32 || first === 9 || last === 9 ? value.trim() : value;
}
