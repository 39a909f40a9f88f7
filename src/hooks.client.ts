import { z } from 'zod';

// zod 4 probes `new Function('')` before compiling object parsers; under our CSP (no 'unsafe-eval') the probe
// fails quietly but reports a `securitypolicyviolation` on every page that validates, and jitless parsing
// is what it then does anyway. Set before any page module runs.
z.config({ jitless: true });
