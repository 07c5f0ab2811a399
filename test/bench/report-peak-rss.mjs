// Preloaded into the export child (`node --import`): writes its peak RSS (kB) where the bench reads it.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.HEED_BENCH_RSS_FILE)
    writeFileSync(process.env.HEED_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
