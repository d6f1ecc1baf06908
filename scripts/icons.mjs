// Generates every icon the app needs from assets/icon.svg (run after editing the SVG; the PNGs are
// committed so packaging needs no image tools).
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync } from 'node:fs';

const svg = readFileSync('assets/icon.svg', 'utf8');
const alert = svg.replace(
  '</svg>',
  '<circle cx="420" cy="92" r="84" fill="#e03131" stroke="#ffffff" stroke-width="20"/></svg>',
);
const render = (source, size, file) =>
  writeFileSync(file, new Resvg(source, { fitTo: { mode: 'width', value: size } }).render().asPng());

render(svg, 512, 'assets/icons/icon.png');
render(svg, 256, 'assets/icons/256x256.png');
render(svg, 32, 'assets/icons/tray.png');
render(alert, 32, 'assets/icons/tray-alert.png');
console.log('assets/icons: icon.png, 256x256.png, tray.png, tray-alert.png');
