import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { exitQuietlyOnBrokenPipe } from '../../../src/cli/output/exitQuietlyOnBrokenPipe';
import { formatDuration, formatProgressLine } from '../../../src/cli/progress/ProgressDisplay';
import { runCli } from '../../../src/cli/runCli';

/** A captured stream that claims to be a terminal (or not). */
function captured(isTTY: boolean): PassThrough & { isTTY: boolean; text(): string } {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; text(): string };
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.isTTY = isTTY;
  stream.text = () => Buffer.concat(chunks).toString();
  return stream;
}

describe('exitQuietlyOnBrokenPipe', () => {
  it('ends the process with 0 on EPIPE and rethrows any other write error', () => {
    const stdout = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyOnBrokenPipe(stdout, (code) => exits.push(code));
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() => stdout.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toThrow(
      'no space',
    );
    expect(exits).toEqual([0]);
  });
});

describe('repos delete on a terminal', () => {
  const argv = (...args: string[]): string[] => ['node', 'lakefs-rx', ...args];

  it('asks first and deletes nothing unless the answer is yes', async () => {
    const stdin = captured(true);
    const stderr = captured(true);
    const stdout = captured(false);
    stdin.end('n\n');
    const code = await runCli(argv('repos', 'delete', 'lakefs://precious'), { stdin, stderr, stdout });
    expect(stderr.text()).toContain(
      'delete repository precious with all its branches, tags and commits? [y/N]',
    );
    expect(stderr.text()).toContain('aborted: not confirmed');
    expect(code).toBe(2);
  });

  it('does not ask with -y (and goes on to need a server)', async () => {
    const stdin = captured(true);
    const stderr = captured(true);
    const saved = { ...process.env };
    for (const name of Object.keys(process.env)) if (/^LAKE(CTL|FS)_/.test(name)) delete process.env[name];
    process.env.LAKECTL_CONFIG_FILE = '/nonexistent/lakectl.yaml';
    try {
      const code = await runCli(argv('repos', 'delete', '-y', 'lakefs://precious'), {
        stdin,
        stderr,
        stdout: captured(false),
      });
      expect(stderr.text()).not.toContain('[y/N]');
      expect(stderr.text()).toMatch(/ConfigurationError/);
      expect(code).toBe(1);
    } finally {
      process.env = saved;
    }
  });
});

describe('the progress line', () => {
  it('shows the bar, amounts, rate, files, elapsed time and ETA', () => {
    expect(
      formatProgressLine({
        label: 'upload 12 files',
        unit: 'bytes',
        loaded: 1024 * 1024,
        total: 4 * 1024 * 1024,
        files: { done: 3, total: 12 },
        elapsed: 2,
        size: 8,
      }),
    ).toBe(
      'upload 12 files [██░░░░░░] 25% | 1.0 MiB / 4.0 MiB | 512.0 KiB/s | 3/12 files | 0:02 elapsed | ETA 0:06',
    );
  });

  it('without a total: the running count, the rate and the elapsed time, no bar and no ETA', () => {
    expect(formatProgressLine({ label: 'import', unit: 'objects', loaded: 1536, elapsed: 64, size: 8 })).toBe(
      'import | 1536 objects | 24.0 objects/s | 1:04 elapsed',
    );
  });

  it('formats durations as m:ss and h:mm:ss', () => {
    expect([formatDuration(0), formatDuration(59.6), formatDuration(3725)]).toEqual([
      '0:00',
      '1:00',
      '1:02:05',
    ]);
  });
});
