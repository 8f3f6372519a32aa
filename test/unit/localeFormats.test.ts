// Numbers, costs, sizes, durations and dates follow VS Code's display language through Intl:
// grouping, decimal separators, units and date order are the locale's, never written by hand.
import * as assert from 'node:assert/strict';
import {
  formatBytes,
  formatCompact,
  formatCost,
  formatDateTime,
  formatDay,
  formatDecimal,
  formatDuration,
  formatNumber,
  formatPercent,
  getDisplayLocale,
  setDisplayLocale,
} from '../../src/core/l10n/format';

/** Intl writes some spaces as no-break or narrow no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('locale formats', () => {
  afterEach(() => setDisplayLocale('en'));

  it('English: grouping with commas, dollars, short units, month names', () => {
    setDisplayLocale('en');
    assert.equal(formatNumber(1234567), '1,234,567');
    assert.equal(formatDecimal(0.4, 1), '0.4');
    assert.deepEqual([950, 1234, 12_345, 1_234_567].map(formatCompact), ['950', '1.23K', '12.3K', '1.23M']);
    assert.deepEqual([0.42, 0.0042].map(formatPercent), ['42%', '0.42%']);
    assert.deepEqual([undefined, 0, 0.00001, 0.0042, 1.5].map(formatCost), ['$?', '$0', '<$0.0001', '$0.0042', '$1.50']);
    assert.deepEqual([512 * 1024, 4.2 * 1024 * 1024].map(formatBytes), ['512 kB', '4.2 MB']);
    assert.deepEqual([400, 42_000, 200_000].map(formatDuration), ['0.4 sec', '42 sec', '3 min 20 sec']);
    assert.equal(formatDay('2027-03-01'), 'Mar 1, 2027');
    assert.match(plain(formatDateTime(Date.UTC(2026, 11, 6, 12, 0))), /^Dec 6, 2026, \d{1,2}:00 (AM|PM)$/);
  });

  it('Russian: spaces between thousands, decimal commas, the dollar sign after the number', () => {
    setDisplayLocale('ru');
    assert.equal(plain(formatNumber(1234567)), '1 234 567');
    assert.equal(formatDecimal(0.4, 1), '0,4');
    assert.equal(plain(formatCost(1.5)), '1,50 $');
    assert.equal(plain(formatBytes(4.2 * 1024 * 1024)), '4,2 МБ');
    assert.equal(plain(formatPercent(0.42)), '42 %');
    assert.equal(plain(formatDuration(400)), '0,4 с');
    assert.match(formatDay('2027-03-01'), /^1 мар\. 2027/);
  });

  it('Japanese, Chinese and Korean: their own compact units and date order', () => {
    setDisplayLocale('ja');
    assert.equal(formatCompact(12_345), '1.23万');
    assert.equal(formatDay('2027-03-01'), '2027/03/01');
    assert.equal(formatDuration(42_000), '42 秒');
    setDisplayLocale('zh-cn');
    assert.equal(formatCompact(1_234_567), '123万');
    assert.equal(formatDay('2027-03-01'), '2027年3月1日');
    setDisplayLocale('zh-tw');
    assert.equal(formatCompact(12_345), '1.23萬');
    setDisplayLocale('ko');
    assert.equal(formatCompact(12_345), '1.23만');
    setDisplayLocale('id');
    assert.equal(formatNumber(1234567), '1.234.567');
  });

  it('an unknown or empty language falls back to English, and a day that is not YYYY-MM-DD stays as it is', () => {
    setDisplayLocale('not a language!');
    assert.equal(getDisplayLocale(), 'en');
    setDisplayLocale(undefined);
    assert.equal(formatNumber(1000), '1,000');
    assert.equal(formatDay('soon'), 'soon');
  });
});
