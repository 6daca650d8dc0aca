// Preloaded into a `support` child by bench/report-scale.ts: prints the process's peak resident
// memory (kilobytes, from getrusage) as it exits, so the bench measures the command alone.
process.on('exit', () => process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));
