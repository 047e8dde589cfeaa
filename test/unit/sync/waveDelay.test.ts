// `--wave-delay` (sync/waveDelay.ts): a pause between two groups the sync runs, never before the
// first, none when not asked; and how the pause is named.
import { describeWaveDelay, waveDelayBefore } from '../../../sync/waveDelay';

describe('waveDelayBefore', () => {
  test.each<{ name: string; seconds: number | undefined; first: boolean; ms: number }>([
    { name: 'between two groups, the asked delay', seconds: 5, first: false, ms: 5000 },
    { name: 'before the first group run, none (nothing came before it)', seconds: 5, first: true, ms: 0 },
    { name: 'no delay asked (every sync from before the flag), none', seconds: undefined, first: false, ms: 0 },
    { name: '--wave-delay 0 (the default), none', seconds: 0, first: false, ms: 0 },
    { name: 'a negative delay (a hand-made input), none', seconds: -3, first: false, ms: 0 },
  ])('$name', ({ seconds, first, ms }) => {
    expect(waveDelayBefore(seconds, first)).toBe(ms);
  });
});

test('describeWaveDelay names the length, the flag and the group it comes before', () => {
  expect(describeWaveDelay(90, { phase: 'Sync', wave: 1 })).toBe('the 1m30s --wave-delay pause before Sync wave 1');
  expect(describeWaveDelay(5, { phase: 'PostSync', wave: -2 })).toBe('the 5s --wave-delay pause before PostSync wave -2');
});
