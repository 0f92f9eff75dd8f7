// Preloaded into each stress child: on exit, writes its peak resident memory (KB) and CPU time (µs) where the runner reads them.
const { writeFileSync } = require('node:fs');
const file = process.env.LIFELINE_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime }));
  });
}
