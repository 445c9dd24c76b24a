import { writeFileSync } from 'node:fs';

/**
 * Preloaded into each measured child (`node --import tsx --import ./bench/measure.ts …`): at exit it writes
 * the process's own resource usage to $BENCH_USAGE_FILE, so the figures are the command's alone (not the
 * benchmark's, not the stand-in's). maxRSS is in kilobytes, CPU times in microseconds, as Node reports them.
 */
const file = process.env.BENCH_USAGE_FILE;
if (file) {
    process.once('exit', (code) => {
        const usage = process.resourceUsage();
        writeFileSync(
            file,
            JSON.stringify({
                exitCode: code,
                maxRssKb: usage.maxRSS,
                userCpuUs: usage.userCPUTime,
                systemCpuUs: usage.systemCPUTime,
                uptimeMs: Math.round(process.uptime() * 1000)
            })
        );
    });
}
