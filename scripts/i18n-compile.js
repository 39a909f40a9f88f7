// Compiles messages/*.json into src/lib/paraglide before anything that does not run Vite's plugin
// (`npm ci`'s prepare step, svelte-check). Plain JS: it runs before any dependency is built.
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../i18n.config.js';

await compile({ ...paraglideOptions, cleanOutdir: true });
