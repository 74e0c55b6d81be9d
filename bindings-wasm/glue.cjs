'use strict';
// build.sh step: turns wasm-bindgen's `--target nodejs` glue (which
// compiles and instantiates the module once, at require time) into a
// module that compiles once and can instantiate again:
//
//   const { instantiate } = require('./wasm/momo_core_wasm.js');
//   const { exports, retire } = instantiate();
//
// Each instantiate() runs the whole glue afresh inside a function, so its
// state (the `wasm` exports, cached memory views, the externref heap, the
// finalization registries) belongs to that instance alone. js/index.js
// makes a new instance after a trap, which leaves the old one unusable
// (its shadow-stack pointer, a wasm global, is never put back).
// retire() makes the old glue's finalizers stop freeing into the old
// memory.
//
//   node glue.cjs <glue.js>     (rewrites the file in place)
//
// The glue's loading block is matched exactly (the CLI is pinned to the
// crate's version); anything else fails the build.
const fs = require('node:fs');

const file = process.argv[2];
const glue = fs.readFileSync(file, 'utf8');

const LOADING = [
  'const wasmPath = `${__dirname}/momo_core_wasm_bg.wasm`;',
  "const wasmBytes = require('fs').readFileSync(wasmPath);",
  'const wasmModule = new WebAssembly.Module(wasmBytes);',
  'let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());',
  'let wasm = wasmInstance.exports;',
  'wasm.__wbindgen_start();',
].join('\n');

const at = glue.indexOf(LOADING);
if (at < 0 || glue.indexOf(LOADING, at + 1) >= 0 || glue.includes('wasmModule', at + LOADING.length)) {
  console.error(`glue.cjs: ${file}: wasm-bindgen's loading block is not the expected one; update glue.cjs`);
  process.exit(1);
}

// The instance's exports as a plain object (an Instance's own is frozen),
// so retire() can swap its free functions for no-ops.
const INSTANCE = `let wasm = { ...new WebAssembly.Instance(wasmModule, __wbg_get_imports()).exports };
wasm.__wbindgen_start();

function retire() {
    for (const name of Object.keys(wasm)) {
        if (/^__wbg_\\w+_free$/.test(name)) wasm[name] = () => {};
    }
}
`;

const out = `'use strict';
// wasm-bindgen's --target nodejs glue, made instantiable by bindings-wasm/glue.cjs.

const wasmModule = new WebAssembly.Module(require('fs').readFileSync(\`\${__dirname}/momo_core_wasm_bg.wasm\`));

/** A new instance of the module: { exports (the glue's), retire() }. */
function instantiate() {
const exports = {};
${glue.slice(0, at) + INSTANCE + glue.slice(at + LOADING.length)}
return { exports, retire };
}

module.exports = { instantiate };
`;

fs.writeFileSync(file, out);
