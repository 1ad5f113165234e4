/**
 * Just enough XML for feed documents: elements, text, CDATA, entities; attributes are read but
 * namespaces ignored. Errors carry a position so the processing report can say where.
 */
export interface XmlNode {
	name: string;
	attrs: Record<string, string>;
	children: XmlNode[];
	text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
	return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
		if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		if (e in ENTITIES) return ENTITIES[e];
		throw new XmlError(`Unknown entity ${m}`);
	});
}

export function parseXml(src: string): XmlNode {
	let i = 0;
	const skipMisc = () => {
		for (;;) {
			while (i < src.length && /\s/.test(src[i])) i++;
			if (src.startsWith('<?', i)) {
				const end = src.indexOf('?>', i);
				if (end < 0) throw new XmlError('Unterminated processing instruction');
				i = end + 2;
			} else if (src.startsWith('<!--', i)) {
				const end = src.indexOf('-->', i);
				if (end < 0) throw new XmlError('Unterminated comment');
				i = end + 3;
			} else if (src.startsWith('<!DOCTYPE', i)) {
				const end = src.indexOf('>', i);
				i = end + 1;
			} else return;
		}
	};
	const parseElement = (): XmlNode => {
		if (src[i] !== '<') throw new XmlError(`Expected an element at offset ${i}`);
		const m = /^<([A-Za-z_][\w.:-]*)/.exec(src.slice(i, i + 200));
		if (!m) throw new XmlError(`Invalid element name at offset ${i}`);
		const node: XmlNode = { name: m[1].replace(/^.*:/, ''), attrs: {}, children: [], text: '' };
		i += m[0].length;
		for (;;) {
			while (/\s/.test(src[i] ?? '')) i++;
			if (src.startsWith('/>', i)) {
				i += 2;
				return node;
			}
			if (src[i] === '>') {
				i++;
				break;
			}
			const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(src.slice(i, i + 2000));
			if (!a) throw new XmlError(`Malformed attribute in <${m[1]}> at offset ${i}`);
			node.attrs[a[1]] = decode(a[3] ?? a[4] ?? '');
			i += a[0].length;
		}
		for (;;) {
			if (i >= src.length) throw new XmlError(`Element <${m[1]}> is not closed`);
			if (src.startsWith('</', i)) {
				const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(src.slice(i, i + 200));
				if (!close || close[1] !== m[1]) throw new XmlError(`Mismatched closing tag for <${m[1]}> at offset ${i}`);
				i += close[0].length;
				node.text = node.text.trim();
				return node;
			}
			if (src.startsWith('<![CDATA[', i)) {
				const end = src.indexOf(']]>', i);
				if (end < 0) throw new XmlError('Unterminated CDATA');
				node.text += src.slice(i + 9, end);
				i = end + 3;
			} else if (src.startsWith('<!--', i)) {
				const end = src.indexOf('-->', i);
				if (end < 0) throw new XmlError('Unterminated comment');
				i = end + 3;
			} else if (src[i] === '<') {
				node.children.push(parseElement());
			} else {
				const end = src.indexOf('<', i);
				const raw = src.slice(i, end < 0 ? src.length : end);
				node.text += decode(raw);
				i = end < 0 ? src.length : end;
			}
		}
	};
	skipMisc();
	const root = parseElement();
	skipMisc();
	if (i < src.length) throw new XmlError(`Content after the root element at offset ${i}`);
	return root;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
	return node?.children.find((c) => c.name === name);
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
	return node ? node.children.filter((c) => c.name === name) : [];
}

export function escapeXml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
