import { parseSyncWave } from '../../../sync/syncWave';
import { manifest } from './manifests';

const WAVE = 'argocd.argoproj.io/sync-wave';
const WEIGHT = 'helm.sh/hook-weight';

const good: Array<[string, Record<string, string>, number]> = [
  ['§3.4 no annotation is wave 0', {}, 0],
  ['§3.4 a negative wave', { [WAVE]: '-1' }, -1],
  ['§3.4 a leading plus sign is accepted', { [WAVE]: '+5' }, 5],
  ['§3.4 leading zeros are base 10', { [WAVE]: '007' }, 7],
  ['§3.4 -0 is wave 0', { [WAVE]: '-0' }, 0],
  ['§3.4 helm.sh/hook-weight is the wave when sync-wave is absent', { [WEIGHT]: '-5' }, -5],
  ['§3.4 sync-wave wins over helm.sh/hook-weight', { [WAVE]: '2', [WEIGHT]: '-5' }, 2],
];

const bad: Array<[string, Record<string, string>, string, string]> = [
  ['§3.4 surrounding spaces are rejected', { [WAVE]: ' 5' }, WAVE, 'not an integer'],
  ['§3.4 trailing spaces are rejected', { [WAVE]: '5 ' }, WAVE, 'not an integer'],
  ['§3.4 a word is rejected', { [WAVE]: 'early' }, WAVE, 'not an integer'],
  ['§3.4 a fraction is rejected', { [WAVE]: '1.5' }, WAVE, 'not an integer'],
  ['§3.4 an empty value is rejected', { [WAVE]: '' }, WAVE, 'not an integer'],
  ['§3.4 a wave beyond safe integers is rejected', { [WAVE]: '99999999999999999999' }, WAVE, 'wave out of range'],
  ['§3.4 a bad sync-wave is reported, not replaced by the hook weight', { [WAVE]: 'x', [WEIGHT]: '3' }, WAVE, 'not an integer'],
  ['§3.4 a bad hook weight is reported', { [WEIGHT]: 'heavy' }, WEIGHT, 'not an integer'],
];

describe('parseSyncWave', () => {
  test.each(good)('%s', (_name, annotations, wave) => {
    const parsed = parseSyncWave(manifest('ConfigMap', 'x', { annotations }));
    expect(parsed.problems).toEqual([]);
    expect(Object.is(parsed.value, wave)).toBe(true);
  });

  test.each(bad)('%s', (_name, annotations, annotation, message) => {
    const parsed = parseSyncWave(manifest('ConfigMap', 'x', { annotations }));
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: `metadata.annotations["${annotation}"]`, value: annotations[annotation], message }),
    ]);
  });
});
