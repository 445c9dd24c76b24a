import { deploy } from './lib/deploy/command.ts';

// Thin entry: `npm run deploy -- --target-org ALIAS [--with-sample-data] [--activate-pages] [--dry-run]`; the
// steps live in lib/deploy.ts.
process.exitCode = await deploy(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
});
