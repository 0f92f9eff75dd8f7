// Preloaded into the language server by the protocol fuzz test only (with --expose-gc): on
// SIGUSR2 it collects garbage twice and writes process.memoryUsage() to LIFELINE_HEAP_FILE, so
// the test reads the live heap without any request or hook in the product.
const { writeFileSync } = require('node:fs');
const file = process.env.LIFELINE_HEAP_FILE;
if (file && typeof global.gc === 'function') {
  process.on('SIGUSR2', () => {
    global.gc();
    global.gc();
    writeFileSync(file, JSON.stringify(process.memoryUsage()));
  });
}
