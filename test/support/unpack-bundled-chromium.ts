// `node bin/run-ts.js test/support/unpack-bundled-chromium.ts`: unpacks the bundled Chromium (if not
// yet) and prints where it is, as JSON; `"unpackedNow": true` when this process did the unpacking.
import { bundledChromium } from './bundled-chromium';

let unpackedNow = false;
const bundled = await bundledChromium(() => (unpackedNow = true));
console.log(JSON.stringify({ ...bundled, unpackedNow }));
