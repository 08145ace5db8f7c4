// The one door to zod. Every module that defines a schema imports `z` from here, so zod is configured before any
// schema exists whatever order a bundler gives the modules (a multi-entry build put schema modules in a shared chunk
// evaluated before main.tsx's first import, and zod's eval probe then broke the site's Trusted Types policy).
// eslint-disable-next-line no-restricted-imports -- this file is the exception the rule points to
import { z } from 'zod';

// No eval: zod would otherwise probe for it with Function('') when a schema is defined (a CSP violation) and
// compile parsers with it where allowed.
z.config({ jitless: true });

export { z };
