// The boleto's barcode: Interleaved 2 of 5 of the 44-digit code, at the dimensions FEBRABAN asks for.
// The symbology is a fixed table (each digit: 5 elements, 2 wide), so it is encoded here rather than
// by bwip-js: bwip-js's ESM build imports its whole 2.1 MB encoder table from one module, which the
// bundler cannot trim, and added 1.7 MB and ~30 ms of parsing to every start of the `regua` command.
// The tests check these bars against bwip-js's, and read them back with ZXing (zxing-wasm).
import { COLOR, mm, type Doc } from './kit';

/** Narrow element: 0.254 mm (1/100 in). 405 modules then make the usual 103 mm boleto barcode. */
export const NARROW_MM = 0.254;
export const BAR_HEIGHT_MM = 13;
/** White space required before and after the bars. */
export const QUIET_ZONE_MM = 5;
/** Wide elements are three narrow ones (FEBRABAN's 1:3). */
const WIDE = 3;

export interface ItfBars {
  /** Width of the symbol in modules, first bar to last. */
  modules: number;
  /** Each bar as [first module, width in modules]. */
  bars: [number, number][];
}

// Digit → its five elements, 1 narrow, 2 wide (the standard 2-of-5 table).
const DIGITS = ['11221', '21112', '12112', '22111', '11212', '21211', '12211', '11122', '21121', '12121'];
const START = '1111';
const STOP = '211';

/** The bars of `digits` (an even count, no check digit added), in modules. */
export function itfBars(digits: string): ItfBars {
  if (!/^(\d\d)+$/.test(digits)) throw new RangeError('Interleaved 2 of 5 needs an even count of digits');
  // Elements alternate bar, space, bar…: a pair's first digit sets the bars, the second the spaces.
  let elements = START;
  for (let i = 0; i < digits.length; i += 2) {
    const bars = DIGITS[Number(digits[i])]!;
    const spaces = DIGITS[Number(digits[i + 1])]!;
    for (let k = 0; k < 5; k++) elements += bars[k]! + spaces[k]!;
  }
  elements += STOP;
  const out: [number, number][] = [];
  let x = 0;
  for (let k = 0; k < elements.length; k++) {
    const width = elements[k] === '2' ? WIDE : 1;
    if (k % 2 === 0) out.push([x, width]);
    x += width;
  }
  return { modules: x, bars: out };
}

/** Width in points of the symbol without its quiet zones. */
export const itfWidth = (bars: ItfBars) => bars.modules * mm(NARROW_MM);

/** Draws the bars with their left edge at x; the caller keeps QUIET_ZONE_MM clear on both sides. */
export function drawItf(doc: Doc, bars: ItfBars, x: number, y: number) {
  const cells = bars.bars.map(([start, width]) => [start, 0, width, 1] as const);
  doc.fillGrid(x, y, { width: mm(NARROW_MM), height: mm(BAR_HEIGHT_MM) }, cells, COLOR.black);
}
