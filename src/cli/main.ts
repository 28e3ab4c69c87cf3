import { Command } from 'commander';
import { VERSION } from '../version';
import { registerDemoCommand } from './demoCommand';
import { registerServeCommand } from './serveCommand';

const program = new Command();
program.name('lakefs-rx').description('reactive lakeFS client and local lakeFS-compatible server').version(VERSION);
registerServeCommand(program);
registerDemoCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`lakefs-rx: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
