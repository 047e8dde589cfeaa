// The bench's arithmetic and table (bench/support): what the README's Measurements will quote.
import { renderTable, summarise, type RunFacts } from '../../../bench/support/report';
import { median, min, quantile, slope } from '../../../bench/support/stats';

const facts: RunFacts = { date: '2026-12-02T00:00:00.000Z', commit: 'abc1234', loadAverage: [1, 2, 3], cpus: 2, mode: 'quick mode', node: 'v20' };

describe('bench statistics', () => {
  it('takes medians and minima of the finished runs only', () => {
    expect(median([3, 1, NaN, 2])).toBe(2);
    expect(min([NaN, 4, 2])).toBe(2);
    expect(median([NaN])).toBeNaN();
  });

  it('interpolates percentiles', () => {
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
  });

  it('fits the per-wave slope by least squares', () => {
    expect(slope([{ x: 1, y: 100 }, { x: 5, y: 300 }, { x: 10, y: 550 }, { x: 20, y: 1050 }])).toBeCloseTo(50);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
  });
});

describe('bench table', () => {
  it('shows median and min, ratio and difference, and dashes where B has no side', () => {
    const table = renderTable([
      { scenario: 'S1', unit: 's', b: summarise([5, 4]), hs: summarise([10, 8]), goal: '≤ 1.3×' },
      { scenario: 'RSS', unit: 'MiB', hs: summarise([300]), goal: '≤ 250 MiB', note: 'one worker' },
    ], facts, [0.5, 0.5, 0.5]);
    expect(table).toContain('| S1 | 4.50 s (min 4.00 s) | 9.00 s (min 8.00 s) | 2.00× | +4.50 s | ≤ 1.3× |');
    expect(table).toContain('| RSS (one worker) | — | 300 MiB | — | — | ≤ 250 MiB |');
    expect(table).toContain('commit abc1234');
  });
});
