// Preloaded with `node --import` into a process the bench runs as a user would (the real `regua`
// command): on exit it writes its peak RSS (getrusage, kernel-measured) to file descriptor 3.
import { writeSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  } catch {
    // fd 3 not open: run by hand, nothing to report to.
  }
});
