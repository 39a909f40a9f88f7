import type { ClientInit } from '@sveltejs/kit';
import { config } from 'zod/v4/core';
import { noteTypedBeforeHydration } from '$lib/state/typed-before-hydration';

// zod 4 probes `new Function('')` before compiling object parsers; under our CSP (no 'unsafe-eval') the probe
// fails quietly but reports a `securitypolicyviolation` on every page that validates, and jitless parsing
// is what it then does anyway. Set before any page module runs. From zod's core, the settings alone, so a
// page that parses nothing (the explorer's first load) does not download zod's schemas: the lazily loaded
// ones share this same core and its settings.
config({ jitless: true });

// What a visitor enters while the page's scripts load would be overwritten by hydration: noted from now on,
// put back by the root layout once the page is mounted.
export const init: ClientInit = () => noteTypedBeforeHydration();
