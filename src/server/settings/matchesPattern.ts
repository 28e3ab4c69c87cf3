/**
 * Whether `branch` matches a branch-protection glob: `*` any run of characters, `?` one character,
 * `[...]` a class; everything else literal (lakeFS matches with Go's path.Match).
 */
export function matchesPattern(pattern: string, branch: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      const body = pattern.slice(i + 1, end).replace(/^\^/, '!');
      source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) source += `\\${pattern.charAt(++i)}`;
    else source += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(branch);
}
