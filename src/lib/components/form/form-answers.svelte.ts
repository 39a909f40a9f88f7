/**
 * The answers of a GET form that navigates without reloading (the funding finder, « Créer son activité »),
 * bound to its radios and checkboxes. Drawn from the page data instead (`checked={data.values.x === …}`),
 * every input was set again whenever data arrived after a choice — the previous submit's results, a reload —
 * and the visitor's latest choice was lost. Here new data sets an answer only where the visitor has not changed
 * it since the data they last saw, or when the page was reached otherwise than by the form itself (a link such
 * as « Recommencer », the back button): then the URL is the truth again. Before hydration, `bind:group` keeps
 * what was clicked while the scripts loaded.
 *
 * Create it while a component initialises (it registers a navigation hook and an effect).
 */
import { untrack } from 'svelte';
import { beforeNavigate } from '$app/navigation';

/** One answer: a radio's value ('' for none) or the ticked boxes' values. */
export type Answer = string | string[];

const same = (a: Answer | undefined, b: Answer | undefined) =>
	Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

export class FormAnswers<F extends string> {
	/** Bound to the inputs: `bind:group={answers.current.stade}`. */
	current = $state() as Record<F, Answer>;
	#seen: Record<F, Answer>;
	#followData = false;

	/** `fromData`: the answers the page data gives (read again whenever that data changes). */
	constructor(fromData: () => Record<F, Answer>) {
		const initial = untrack(fromData);
		this.current = structuredClone(initial);
		this.#seen = initial;
		beforeNavigate(({ type }) => {
			this.#followData = type !== 'form';
		});
		$effect.pre(() => {
			const next = fromData();
			untrack(() => {
				for (const f of Object.keys(next) as F[])
					if (this.#followData || same(this.current[f], this.#seen[f]))
						this.current[f] = structuredClone(next[f]);
				this.#seen = next;
				this.#followData = false;
			});
		});
	}
}
