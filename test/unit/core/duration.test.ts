import { parseDuration } from '../../../domain/duration';

test('parses the durations token workflows take as input', () => {
  expect(parseDuration('12h')).toBe(12 * 3_600_000);
  expect(parseDuration('24h')).toBe(86_400_000);
  expect(parseDuration('15s')).toBe(15_000);
  expect(parseDuration('1.5 m')).toBe(90_000);
  expect(parseDuration('250ms')).toBe(250);
  expect(parseDuration('2d')).toBe(2 * 86_400_000);
  expect(parseDuration(1500)).toBe(1500);
});

test('refuses anything unclear instead of guessing', () => {
  for (const bad of ['', '12', '12 hours', '-1s', '0s', 'h', '1y', '400d', Number.NaN, 0, -5, null, undefined, {}, '1e3s']) {
    expect(parseDuration(bad)).toBeUndefined();
  }
});
