import { describe, expect, it } from 'vitest';
import { fold, isStopWord, stem, terms, tokenize } from './text';

const words = (s: string) => tokenize(s).map((t) => t.text);
const folded = (s: string) => tokenize(s).map((t) => t.folded);

describe('tokenize', () => {
	it('splits elisions off: l’, d’, qu’, j’, jusqu’ with straight and typographic apostrophes', () => {
		expect(words("l'économie")).toEqual(['économie']);
		expect(words('l’économie sociale')).toEqual(['économie', 'sociale']);
		expect(words("Prêt d'honneur")).toEqual(['Prêt', 'honneur']);
		expect(words("qu'elle")).toEqual(['elle']);
		expect(words("J'adhère")).toEqual(['adhère']);
		expect(words("jusqu'au bout")).toEqual(['au', 'bout']);
		expect(words("presqu'île")).toEqual(['île']);
		expect(words('L’ÉCONOMIE')).toEqual(['ÉCONOMIE']);
	});

	it('keeps a non-elided apostrophe word as parts and as one joined word', () => {
		expect(folded("Bretz'selle")).toEqual(['bretz', 'selle', 'bretzselle']);
		expect(folded("aujourd'hui")).toEqual(['aujourd', 'hui', 'aujourdhui']);
	});

	it('gives offsets into the original text', () => {
		const text = "Atelier d'auto-réparation « Vélo »";
		for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
		expect(words(text)).toEqual(['Atelier', 'auto', 'réparation', 'Vélo']);
	});

	it('treats punctuation, lunr syntax, emoji and control characters as separators', () => {
		expect(words('velo:title~2 ^10 +coop -jardin *')).toEqual(['velo', 'title', '2', '10', 'coop', 'jardin']);
		expect(words('🚲 vélo\u0000\u0007école')).toEqual(['vélo', 'école']);
		expect(tokenize('"«»()[]{}<>!?;,.')).toEqual([]);
	});

	it('keeps letters of other scripts and drops words longer than 40 characters', () => {
		expect(words('مرحبا שלום Straße')).toEqual(['مرحبا', 'שלום', 'Straße']);
		expect(tokenize('a'.repeat(41))).toEqual([]);
		expect(tokenize('a'.repeat(40))).toHaveLength(1);
	});

	it('never throws on non-strings', () => {
		expect(tokenize(undefined as unknown as string)).toEqual([]);
		expect(tokenize(42 as unknown as string)).toEqual([]);
	});
});

describe('fold', () => {
	it('removes accents and ligatures, lower-cases', () => {
		expect(fold('Économie Coopérative')).toBe('economie cooperative');
		expect(fold('Œuvre ÇA Mûr Noël')).toBe('oeuvre ca mur noel');
		expect(fold('Straße')).toBe('strasse');
		expect(fold('ﬁnancement')).toBe('financement');
	});
});

describe('French analysis', () => {
	it('drops stop words compared accent-free', () => {
		for (const w of ['le', 'la', 'de', 'des', 'et', 'a', 'au', 'pour']) expect(isStopWord(w)).toBe(true);
		expect(isStopWord(fold('à'))).toBe(true);
		for (const w of ['velo', 'jardin', 'coop']) expect(isStopWord(w)).toBe(false);
	});

	it('gives accented and accentless spellings, singular and plural, the same terms', () => {
		expect(terms("l'économie")).toEqual(terms('economie'));
		expect(terms('coopératives')).toEqual(terms('cooperative'));
		expect(terms('économique')).toEqual(terms('economie'));
		expect(terms('Prêts')).toEqual(terms('pret'));
		expect(terms("Prêt d'honneur")).toEqual([stem('pret'), stem('honneur')]);
		expect(terms('Jardins partagés')).toEqual(terms('jardin partage'));
	});
});
