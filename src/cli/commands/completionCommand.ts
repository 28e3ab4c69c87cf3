import { type Command, InvalidArgumentError } from 'commander';
import type { CliIO } from '../CliContext';

/** Every command path (`''`, `repos`, `repos create`, `fs ls` …, aliases included) and what may follow it. */
function commandTable(program: Command): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const visit = (command: Command, paths: string[]): void => {
    const words = [
      ...command.commands.flatMap((sub) => [sub.name(), ...sub.aliases()]),
      ...command.options.flatMap((option) =>
        [option.long, option.short].filter((flag) => flag !== undefined),
      ),
    ];
    for (const path of paths) table.set(path, words);
    for (const sub of command.commands) {
      const names = [sub.name(), ...sub.aliases()];
      visit(
        sub,
        paths.flatMap((path) => names.map((name) => (path === '' ? name : `${path} ${name}`))),
      );
    }
  };
  visit(program, ['']);
  return table;
}

/**
 * A bash completion script (zsh loads it through bashcompinit): completes command names, subcommands and
 * options from the program's own command tree, so it never drifts from the commands.
 * @param program - the whole program
 * @param shell - `bash` or `zsh`
 * @returns the script
 */
export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  const name = program.name();
  const fn = `_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const cases = [...commandTable(program)]
    .map(([path, words]) => `    ${JSON.stringify(path)}) echo ${JSON.stringify(words.join(' '))} ;;`)
    .join('\n');
  const script = `# ${name} completion: eval "$(${name} completion ${shell})"
${fn}_words() {
  case "$1" in
${cases}
  esac
}
${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path="" word candidate i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    candidate=\${path:+$path }$word
    [[ -n $(${fn}_words "$candidate") ]] && path=$candidate
  done
  COMPREPLY=($(compgen -W "$(${fn}_words "$path")" -- "$cur"))
}
complete -o default -F ${fn} ${name}
`;
  return shell === 'zsh' ? `autoload -U +X bashcompinit && bashcompinit\n${script}` : script;
}

/**
 * `lakefs-rx completion [bash|zsh]`: prints the shell completion script.
 * @param program - the program (the script covers all of it)
 * @param io - where the script goes
 */
export function registerCompletionCommand(program: Command, io: CliIO): void {
  program
    .command('completion')
    .description('print a shell completion script: eval "$(lakefs-rx completion bash)"')
    .argument('[shell]', 'bash or zsh', (value: string) => {
      if (value !== 'bash' && value !== 'zsh') throw new InvalidArgumentError('supported shells: bash, zsh');
      return value;
    })
    .action((shell: 'bash' | 'zsh' | undefined) => {
      io.stdout.write(completionScript(program, shell ?? 'bash'));
    });
}
