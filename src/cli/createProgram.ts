import { Command } from 'commander';
import { VERSION } from '../version';
import type { CliIO } from './CliContext';
import { registerBranchesCommand } from './commands/branchesCommand';
import { registerCatCommand } from './commands/catCommand';
import { registerCherryPickCommand } from './commands/cherryPickCommand';
import { registerCompletionCommand } from './commands/completionCommand';
import { registerCommitCommand } from './commands/commitCommand';
import { registerDiffCommand } from './commands/diffCommand';
import { registerDownloadCommand } from './commands/downloadCommand';
import { registerImportCommand } from './commands/importCommand';
import { registerLogCommand } from './commands/logCommand';
import { registerLsCommand } from './commands/lsCommand';
import { registerMergeCommand } from './commands/mergeCommand';
import { registerReposCommand } from './commands/reposCommand';
import { registerRmCommand } from './commands/rmCommand';
import { registerShowCommand } from './commands/showCommand';
import { registerStatCommand } from './commands/statCommand';
import { registerTagCommand } from './commands/tagCommand';
import { registerUploadCommand } from './commands/uploadCommand';
import { registerDemoCommand } from './demoCommand';
import { registerServeCommand } from './serveCommand';

/**
 * The `lakefs-rx` command line: global options and every command. Commander's own errors (unknown option,
 * bad argument) are thrown as `CommanderError` instead of exiting, so that {@link runCli} decides the exit code.
 * @param io - where commands write
 * @returns the program, ready for `parseAsync`
 */
export function createProgram(io: CliIO): Command {
  const program = new Command();
  program
    .name('lakefs-rx')
    .description(
      'reactive lakeFS client and local lakeFS-compatible server\n\n' +
        'Credentials: --config file, else LAKECTL_* / LAKEFS_* environment variables, else ~/.lakectl.yaml.\n' +
        'URIs: lakefs://<repository>/<ref>/<path>',
    )
    .version(VERSION)
    .option('--json', 'print machine-readable JSON (one value per line for listings)')
    .option('--debug', 'print stack traces of errors')
    .option('-c, --config <file>', 'lakectl.yaml to read credentials from')
    .option('--progress', 'draw progress bars even when stderr is not a terminal')
    .option('--no-progress', 'never draw progress bars')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`lakefs-rx: ${text.replace(/^error: /, '')}`),
    });
  registerServeCommand(program, io);
  registerDemoCommand(program, io);
  registerReposCommand(program, io);
  registerBranchesCommand(program, io);
  registerLsCommand(program, io);
  registerLogCommand(program, io);
  registerDiffCommand(program, io);
  registerUploadCommand(program, io);
  registerDownloadCommand(program, io);
  registerImportCommand(program, io);
  registerCommitCommand(program, io);
  registerMergeCommand(program, io);
  registerCatCommand(program, io);
  registerStatCommand(program, io);
  registerRmCommand(program, io);
  registerTagCommand(program, io);
  registerShowCommand(program, io);
  registerCherryPickCommand(program, io);
  // lakectl's spelling of the object commands: `fs ls|upload|download|cat|stat|rm`
  const fs = program.command('fs').description("object commands under lakectl's names (fs ls, fs upload …)");
  registerLsCommand(fs, io);
  registerUploadCommand(fs, io, { sourceOption: true });
  registerDownloadCommand(fs, io);
  registerCatCommand(fs, io);
  registerStatCommand(fs, io);
  registerRmCommand(fs, io);
  registerCompletionCommand(program, io);
  return program;
}
