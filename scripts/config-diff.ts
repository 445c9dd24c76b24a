import path from 'node:path';
import { ConfigError, loadConfig } from './lib/config.ts';
import { configDiffCommand } from './lib/configDiff/command.ts';
import { readPicklists } from './lib/picklists.ts';

// Thin entry. `npm run` starts in the project root; file names are meant from where the user typed the command.
const here = process.env.INIT_CWD ?? process.cwd();
const picklists = readPicklists();

process.exitCode = configDiffCommand(
    process.argv.slice(2),
    { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
    {
        load: (file) => loadConfig(path.resolve(here, file)),
        picklistProblems: (file) => {
            try {
                loadConfig(path.resolve(here, file), picklists);
                return [];
            } catch (error) {
                if (error instanceof ConfigError) return error.problems;
                throw error;
            }
        }
    }
);
