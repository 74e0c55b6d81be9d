// Types of the ES module entry (index.mjs), for TypeScript's `import`
// resolution ("node16"/"nodenext"): the same declarations as index.d.ts,
// which types the CommonJS entry, plus the default export index.mjs adds
// (the CommonJS module object itself, one shared instance).
import * as momo from './index.js';

export * from './index.js';
export default momo;
