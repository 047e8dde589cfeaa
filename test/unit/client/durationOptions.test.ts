// The duration flags of `hooksync sync` (client/cli/durationOptions.ts): --timeout must be above zero,
// --wave-delay may be zero (its default); anything else is a usage error naming the value.
import { InvalidArgumentError } from 'commander';
import { parseTimeout, parseWaveDelay } from '../../../client/cli/durationOptions';

test.each([['5s', 5], ['1m', 60], ['1h30m', 5400], ['0s', 0], ['0', 0]])('--wave-delay %s is %d seconds', (value, seconds) => {
  expect(parseWaveDelay(value as string)).toBe(seconds);
});

test('--wave-delay refuses what is not a duration, naming it', () => {
  expect(() => parseWaveDelay('soon')).toThrow('"soon" is not a duration such as 0s, 5s or 1m');
  for (const value of ['-5s', '5', '']) expect(() => parseWaveDelay(value)).toThrow(InvalidArgumentError);
});

test('--timeout takes a duration above zero only', () => {
  expect(parseTimeout('10m')).toBe(600);
  expect(() => parseTimeout('0s')).toThrow('"0s" is not a duration above zero such as 90s, 10m or 1h');
});
