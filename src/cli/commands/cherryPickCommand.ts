import type { Command } from 'commander';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';
import { sourceRef } from './sourceRef';

/**
 * `lakefs-rx cherry-pick <commit> lakefs://repo/branch`: applies one commit's changes to a branch as a new
 * commit (lakectl's argument order: what to pick, then where).
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerCherryPickCommand(program: Command, io: CliIO): void {
  program
    .command('cherry-pick')
    .description("apply a commit's changes to a branch as a new commit")
    .argument('<commit>', 'lakefs://<repository>/<ref> (or a bare ref) to pick')
    .argument('<branch>', 'lakefs://<repository>/<branch> to apply it to', uriArgument('ref'))
    .option('-m, --parent-number <n>', 'for a merge commit: the parent to diff against (1-based)', parseCount)
    .action(async (commit: string, uri: LakeFSUri, opts: { parentNumber?: number }, command: Command) => {
      const cli = CliContext.of(io, command);
      if (uri.path !== undefined)
        throw new UsageError(`cherry-pick takes a branch URI, not a path: ${formatLakeFSUri(uri)}`);
      const ref = sourceRef(commit, uri.repository, 'commit');
      const picked = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string)
        .cherryPick(ref, opts.parentNumber !== undefined ? { parentNumber: opts.parentNumber } : {});
      await runObservable(picked, (created) =>
        cli.print(created, () => `cherry-picked ${ref} onto ${formatLakeFSUri(uri)}: commit ${created.id}`),
      );
    });
}
