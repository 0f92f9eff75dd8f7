// Preloaded into each stress child: on exit, writes its peak resident memory (KB) where the runner reads it.
const { writeFileSync } = require('node:fs');
const file = process.env.LIFELINE_PEAK_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
