import { config } from 'zod/v4/core';

// zod 4 probes `new Function('')` before compiling object parsers; under our CSP (no 'unsafe-eval') the probe
// fails quietly but reports a `securitypolicyviolation` on every page that validates, and jitless parsing
// is what it then does anyway. Set before any page module runs. From zod's core, the settings alone, so a
// page that parses nothing (the explorer's first load) does not download zod's schemas: the lazily loaded
// ones share this same core and its settings.
config({ jitless: true });
