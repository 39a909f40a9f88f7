/**
 * Long pure computations written as steps: a generator that pauses (`yield`) whenever `due()` says its
 * time slice is spent. The server drives one between requests (it resumes it on the event loop's next
 * turn); anything else runs it to the end at once with `runSteps`, and gets the same value.
 */

/** Whether to pause now (a cheap test, called often). */
export type Due = () => boolean;

/** Never pause: the whole computation in one piece. */
export const never: Due = () => false;

/** Runs `steps` to the end at once, ignoring its pauses. */
export function runSteps<T>(steps: Generator<void, T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}
