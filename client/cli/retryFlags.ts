// `hooksync sync`'s automatic retry flags, spelled as `argocd app sync` spells them, and the
// policy they make (sync/autoRetry.ts). Defining them loads only commander and pure code.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_BACKOFF, type RetryPolicy } from '../../sync/autoRetry';
import { durationSeconds } from '../../sync/hookTimeout';
import { CliError, EXIT } from './cliCommon';

export interface RetryFlags {
  retryLimit?: number;
  retryBackoffDuration?: number;
  retryBackoffFactor?: number;
  retryBackoffMaxDuration?: number;
}

function parseLimit(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number (0: no retries, negative: without limit)`);
  return Number(value);
}

function parseDuration(value: string): number {
  const seconds = durationSeconds(value);
  if (!seconds) throw new InvalidArgumentError(`"${value}" is not a duration above zero such as 5s, 3m or 1h`);
  return seconds;
}

function parseFactor(value: string): number {
  const factor = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(factor >= 1)) throw new InvalidArgumentError(`"${value}" is not a number from 1`);
  return factor;
}

export function retryFlags(c: Command): Command {
  return c.option('--retry-limit <n>', 'retry a failed sync up to n times, each retry resuming at the failed group (negative: without limit)', parseLimit)
    .option('--retry-backoff-duration <duration>', 'wait before the first retry (default 5s)', parseDuration)
    .option('--retry-backoff-factor <n>', 'each later wait is the one before times n (default 2)', parseFactor)
    .option('--retry-backoff-max-duration <duration>', 'longest wait between retries (default 3m)', parseDuration);
}

/** The policy the flags ask for; undefined without --retry-limit. A backoff flag alone is a usage error. */
export function retryPolicyOf(flags: RetryFlags): RetryPolicy | undefined {
  const backoff = {
    backoffSeconds: flags.retryBackoffDuration ?? DEFAULT_BACKOFF.backoffSeconds,
    factor: flags.retryBackoffFactor ?? DEFAULT_BACKOFF.factor,
    maxBackoffSeconds: flags.retryBackoffMaxDuration ?? DEFAULT_BACKOFF.maxBackoffSeconds,
  };
  if (flags.retryLimit !== undefined) return { limit: flags.retryLimit, ...backoff };
  const alone = ([['retryBackoffDuration', '--retry-backoff-duration'], ['retryBackoffFactor', '--retry-backoff-factor'], ['retryBackoffMaxDuration', '--retry-backoff-max-duration']] as const)
    .filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (alone.length > 0) throw new CliError(`${alone.join(', ')} ${alone.length > 1 ? 'have' : 'has'} no effect without --retry-limit N`, EXIT.badInput);
  return undefined;
}
