/**
 * Atom 1.0 (RFC 4287) documents: what the feeds of new and updated records are written with. A feed is a
 * few elements and the escaping of text, so it is written here rather than with a generator package. Pure.
 */

export interface AtomEntry {
	/** A permanent, unique IRI (a `tag:` URI): it never changes when the record's page moves. */
	id: string;
	title: string;
	/** ISO 8601 timestamps. */
	updated: string;
	published?: string;
	/** The entry's page (absolute URL). */
	link: string;
	summary: string;
	categories?: readonly string[];
}

export interface AtomFeed {
	id: string;
	title: string;
	subtitle?: string;
	updated: string;
	/** The feed's own address and the page it follows (absolute URLs). */
	self: string;
	alternate: string;
	author: { name: string; uri?: string };
	rights?: string;
	entries: readonly AtomEntry[];
}

// XML 1.0 allows no control characters but tab and line breaks; a stray one would make the feed unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
	return text
		.replace(INVALID_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;
const link = (rel: string, href: string, type?: string) =>
	`<link rel="${rel}" href="${escapeXml(href)}"${type ? ` type="${type}"` : ''}/>`;

export function writeAtom(feed: AtomFeed): string {
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
		el('id', feed.id),
		el('title', feed.title),
		...(feed.subtitle ? [el('subtitle', feed.subtitle)] : []),
		el('updated', feed.updated),
		link('self', feed.self, 'application/atom+xml'),
		link('alternate', feed.alternate, 'text/html'),
		`<author>${el('name', feed.author.name)}${feed.author.uri ? el('uri', feed.author.uri) : ''}</author>`,
		...(feed.rights ? [el('rights', feed.rights)] : []),
		...feed.entries.map((e) =>
			[
				'<entry>',
				el('id', e.id),
				el('title', e.title),
				el('updated', e.updated),
				...(e.published ? [el('published', e.published)] : []),
				link('alternate', e.link, 'text/html'),
				...(e.categories ?? []).map((c) => `<category term="${escapeXml(c)}"/>`),
				`<summary type="text">${escapeXml(e.summary)}</summary>`,
				'</entry>'
			].join('')
		),
		'</feed>'
	];
	return `${lines.join('\n')}\n`;
}
