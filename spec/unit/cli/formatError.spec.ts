import { CommanderError, InvalidArgumentError } from 'commander';
import { NotFoundError } from '../../../src';
import { InterruptedError, UsageError, exitCodeFor, formatError } from '../../../src/cli/output/formatError';

describe('formatError', () => {
  const notFound = new NotFoundError({
    status: 404,
    method: 'GET',
    path: '/repositories/x',
    serverMessage: 'repository not found',
  });

  it('is one line naming the error class and the server message', () => {
    expect(formatError(notFound)).toBe(
      'lakefs-rx: NotFoundError: GET /repositories/x failed with 404: repository not found\n',
    );
  });

  it('folds a multi-line message onto one line', () => {
    expect(formatError(new Error('first\n  second'))).toBe('lakefs-rx: first second\n');
  });

  it('adds the stack and the chain of causes with debug', () => {
    const wrapped = new Error('outer', { cause: new Error('inner') });
    const text = formatError(wrapped, true);
    expect(text.split('\n')[0]).toBe('lakefs-rx: outer');
    expect(text).toContain('caused by:');
    expect(text).toContain('Error: inner');
    expect(text).toMatch(/\n\s+at /);
  });
});

describe('exitCodeFor', () => {
  it.each([
    ['a server error', new NotFoundError({ status: 404, method: 'GET', path: '/' }), 1],
    ['a plain error', new Error('x'), 1],
    ['a usage error found by a command', new UsageError('bad'), 2],
    ['a bad argument', new InvalidArgumentError('bad'), 2],
    ['an interrupt', new InterruptedError('SIGINT'), 130],
    ['help or version', new CommanderError(0, 'commander.helpDisplayed', ''), 0],
  ])('%s → %d', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});
