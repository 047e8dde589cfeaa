// Parsers of the duration flags of `hooksync sync`, in the form `hooksync.io/timeout` takes
// (90s, 10m, 1h30m), so that one spelling works everywhere.
import { InvalidArgumentError } from 'commander';
import { durationSeconds } from '../../sync/hookTimeout';

/** `--timeout`: above zero, since a sync with no time at all could never run. */
export function parseTimeout(value: string): number {
  const seconds = durationSeconds(value);
  if (!seconds) throw new InvalidArgumentError(`"${value}" is not a duration above zero such as 90s, 10m or 1h`);
  return seconds;
}

/** `--wave-delay`: zero (the default, also spelled `0`) means no pause. */
export function parseWaveDelay(value: string): number {
  const seconds = value === '0' ? 0 : durationSeconds(value);
  if (seconds === undefined) throw new InvalidArgumentError(`"${value}" is not a duration such as 0s, 5s or 1m`);
  return seconds;
}
