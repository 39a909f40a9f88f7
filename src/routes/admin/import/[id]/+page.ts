/** The progress bar polls its endpoint from the browser (a <noscript> refresh covers the rest). */
export const csr = true;
