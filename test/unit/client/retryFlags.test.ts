// `hooksync sync --retry-*`: the flags as argocd spells them, their defaults and their refusals.
import { Command } from 'commander';
import { retryFlags, retryPolicyOf } from '../../../client/cli/retryFlags';

function parse(...args: string[]) {
  const cmd = retryFlags(new Command('sync').exitOverride().configureOutput({ writeErr: () => undefined }));
  cmd.parse(args, { from: 'user' });
  return cmd.opts();
}

test('--retry-limit alone takes Argo CD\'s backoff: 5s, factor 2, at most 3m', () => {
  expect(retryPolicyOf(parse('--retry-limit', '3'))).toEqual({ limit: 3, backoffSeconds: 5, factor: 2, maxBackoffSeconds: 180 });
});

test('every flag as argocd app sync spells it', () => {
  const flags = parse('--retry-limit', '2', '--retry-backoff-duration', '10s', '--retry-backoff-factor', '3', '--retry-backoff-max-duration', '1m30s');
  expect(retryPolicyOf(flags)).toEqual({ limit: 2, backoffSeconds: 10, factor: 3, maxBackoffSeconds: 90 });
});

test('a negative limit retries without limit; no flag, no retries', () => {
  expect(retryPolicyOf(parse('--retry-limit', '-1'))?.limit).toBe(-1);
  expect(retryPolicyOf(parse())).toBeUndefined();
});

test('bad values are refused, naming the value', () => {
  expect(() => parse('--retry-limit', 'three')).toThrow('"three" is not a whole number');
  expect(() => parse('--retry-limit', '1', '--retry-backoff-duration', '0s')).toThrow('"0s" is not a duration above zero');
  expect(() => parse('--retry-limit', '1', '--retry-backoff-factor', '0.5')).toThrow('"0.5" is not a number from 1');
});

test('a backoff flag without --retry-limit is a usage error (exit 2)', () => {
  expect(() => retryPolicyOf(parse('--retry-backoff-duration', '5s', '--retry-backoff-factor', '2'))).toThrow(
    expect.objectContaining({ exitCode: 2, message: '--retry-backoff-duration, --retry-backoff-factor have no effect without --retry-limit N' }),
  );
});
