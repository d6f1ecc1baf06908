// The boleto barcode's encoder against bwip-js (Barcode Writer in Pure PostScript) as the oracle: the
// same bars, in the same places, for any even string of digits. ZXing reads them back in
// documents-boleto.test.ts.
import { interleaved2of5 } from 'bwip-js/generic';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itfBars, type ItfBars } from '../../main/services/pdf/itf-barcode';

/** bwip-js's bars for `digits`, in modules: it draws each bar as a line `lw` wide centred on x. */
function bwipBars(digits: string): ItfBars {
  const raw: [number, number][] = [];
  interleaved2of5(
    { bcid: 'interleaved2of5', text: digits, includecheck: false, includetext: false },
    {
      scale: () => [1, 1],
      measure: () => ({ width: 0, ascent: 0, descent: 0 }),
      init: () => {},
      line: (x0, _y0, x1, _y1, lw) => void (x0 === x1 && raw.push([x0 - lw / 2, lw])),
      polygon: () => {},
      hexagon: () => {},
      ellipse: () => {},
      fill: () => {},
      text: () => {},
      end: () => null,
    },
  );
  const origin = Math.min(...raw.map(([x]) => x));
  const bars = raw.map(([x, w]): [number, number] => [x - origin, w]).sort((a, b) => a[0] - b[0]);
  const last = bars.at(-1)!;
  return { modules: last[0] + last[1], bars };
}

describe('Interleaved 2 of 5', () => {
  it('draws a boleto barcode as 405 modules, bars and spaces 1 or 3 wide', () => {
    const { modules, bars } = itfBars('23793138600001234563381090000000012301234560');
    expect(modules).toBe(405);
    expect(bars).toHaveLength(2 + 22 * 5 + 2);
    expect(new Set(bars.map(([, w]) => w))).toEqual(new Set([1, 3]));
    const spaces = bars.slice(1).map(([x], i) => x - (bars[i]![0] + bars[i]![1]));
    expect(new Set(spaces)).toEqual(new Set([1, 3]));
  });

  it('places the same bars as bwip-js for any even string of digits', () => {
    const evenDigits = fc
      .array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength: 30 })
      .map((d) => (d.length % 2 ? [...d, '0'] : d).join(''));
    fc.assert(
      fc.property(evenDigits, (digits) => {
        expect(itfBars(digits)).toEqual(bwipBars(digits));
      }),
      { numRuns: 300 },
    );
    expect(itfBars('23793138600001234563381090000000012301234560')).toEqual(
      bwipBars('23793138600001234563381090000000012301234560'),
    );
  });

  it('refuses an odd count of digits or anything but digits', () => {
    expect(() => itfBars('123')).toThrow(RangeError);
    expect(() => itfBars('12a4')).toThrow(RangeError);
  });
});
