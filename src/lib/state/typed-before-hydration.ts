/**
 * What a visitor typed, ticked or chose in a server-rendered form before the page's scripts took over.
 *
 * Hydration writes every control's value from the page's data (Svelte's `set_value` writes `value={…}`,
 * `checked={…}`, `selected={…}` once more), which erases what was entered meanwhile: on a slow phone, a radius
 * typed while the scripts loaded came back as the default, and any one-way control could lose its text so
 * (https://github.com/sveltejs/svelte/issues/1755, https://github.com/sveltejs/kit/issues/8895). The server's
 * data and the browser's are the same at that moment, so a control that differs before and after hydration
 * differs because of the person (or of the browser restoring a form), and what they entered wins.
 *
 * `noteTypedBeforeHydration` (the client hook, before hydration starts) notes every control already changed
 * and every one changed until `restoreTypedBeforeHydration` (the root layout, once the page is mounted),
 * which puts those values back and sends the `input` and `change` events typing would have sent, so that
 * bound state and handlers follow as if the page had been live all along.
 */

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
type Entered = { value: string } | { checked: boolean } | { selected: boolean[] };

/** Inputs with nothing typed into them, or whose value is not the visitor's to keep. */
const NOT_TYPED = new Set(['hidden', 'file', 'submit', 'reset', 'button', 'image', 'password']);

let noted: Map<Control, Entered> | undefined;

function isControl(target: EventTarget | null): target is Control {
	return (
		target instanceof HTMLInputElement ||
		target instanceof HTMLTextAreaElement ||
		target instanceof HTMLSelectElement
	);
}

const isToggle = (el: Control): el is HTMLInputElement =>
	el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');

/** The control's current state, or undefined for one whose value is not typed. */
function entered(el: Control): Entered | undefined {
	if (el instanceof HTMLSelectElement) return { selected: [...el.options].map((o) => o.selected) };
	if (isToggle(el)) return { checked: el.checked };
	if (el instanceof HTMLInputElement && NOT_TYPED.has(el.type)) return undefined;
	return { value: el.value };
}

/** Whether the control differs from what the server's HTML set (the person, or the browser, changed it). */
function changed(el: Control): boolean {
	if (el instanceof HTMLSelectElement) {
		// A select without a `selected` option shows its first: that is not a change.
		const defaults = [...el.options].map((o) => o.defaultSelected);
		if (!el.multiple && !defaults.some(Boolean) && el.options.length) defaults[0] = true;
		return [...el.options].some((o, i) => o.selected !== defaults[i]);
	}
	if (isToggle(el)) return el.checked !== el.defaultChecked;
	return el.value !== el.defaultValue;
}

function note(el: Control) {
	const state = entered(el);
	if (state) noted?.set(el, state);
}

const onEntry = (e: Event) => {
	if (e.isTrusted && isControl(e.target)) note(e.target);
};

/** From before hydration: the controls changed already, and each one changed from now on. */
export function noteTypedBeforeHydration(doc: Document = document): void {
	if (noted) return;
	noted = new Map();
	for (const el of doc.querySelectorAll<Control>('input, textarea, select')) if (changed(el)) note(el);
	doc.addEventListener('input', onEntry, true);
	doc.addEventListener('change', onEntry, true);
}

/** Puts back what hydration overwrote; returns how many controls it restored. */
export function restoreTypedBeforeHydration(doc: Document = document): number {
	if (!noted) return 0;
	doc.removeEventListener('input', onEntry, true);
	doc.removeEventListener('change', onEntry, true);
	const entries = [...noted];
	noted = undefined;
	let restored = 0;
	for (const [el, state] of entries) {
		if (!el.isConnected || el.disabled) continue;
		let moved = false;
		if ('selected' in state && el instanceof HTMLSelectElement) {
			[...el.options].forEach((o, i) => {
				if (i < state.selected.length && o.selected !== state.selected[i]) {
					o.selected = state.selected[i];
					moved = true;
				}
			});
		} else if ('checked' in state && isToggle(el)) {
			moved = el.checked !== state.checked;
			el.checked = state.checked;
			// An unticked radio is the other side of a ticked one: its events are the ticked one's.
			if (el.type === 'radio' && !state.checked) moved = false;
		} else if ('value' in state && !(el instanceof HTMLSelectElement) && el.value !== state.value) {
			el.value = state.value;
			moved = true;
		}
		if (!moved) continue;
		restored++;
		el.dispatchEvent(new Event('input', { bubbles: true }));
		el.dispatchEvent(new Event('change', { bubbles: true }));
	}
	return restored;
}
