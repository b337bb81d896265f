// Draws KeyWard's icons (a shield with a keyhole) and writes them as PNGs into public/icon/:
// `<size>.png` (16, 32, 48, 128: toolbar, extensions page and store; WXT adds them to the manifest),
// and the toolbar states `paused-<size>.png` (a pause mark: KeyWard is paused on this site) and
// `problem-<size>.png` (an exclamation mark: the organisation's policy has problems), set by
// entrypoints/background/icon.ts. Run `node scripts/make-icons.mjs` after changing a shape or colour.
// No dependencies: shapes are signed-distance tests, 4×4 supersampled, encoded with node:zlib.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
/** Fill and outline per state; the outline keeps the shield readable on light and dark toolbars. */
const STATES = {
  '': { fill: [26, 86, 219], edge: [15, 50, 140], mark: keyhole },
  'paused-': { fill: [107, 114, 128], edge: [60, 64, 72], mark: pause },
  'problem-': { fill: [180, 83, 9], edge: [110, 50, 5], mark: exclamation },
};

/** Inside the shield: flat top, straight sides, then an elliptic curve to the point at the bottom. Coordinates in 0..1. */
function shieldInset(x, y, inset) {
  const half = 0.4 - inset;
  const top = 0.06 + inset;
  const bend = 0.5;
  const bottom = 0.96 - inset * 1.6;
  if (y < top || y > bottom) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= bend) return dx <= half;
  const t = (y - bend) / (bottom - bend);
  return dx <= half * Math.sqrt(1 - t * t);
}

function keyhole(x, y) {
  const round = (x - 0.5) ** 2 + (y - 0.4) ** 2 <= 0.13 ** 2;
  const slot = y >= 0.42 && y <= 0.74 && Math.abs(x - 0.5) <= 0.05 + (y - 0.42) * 0.2;
  return round || slot;
}

function pause(x, y) {
  return y >= 0.26 && y <= 0.7 && (Math.abs(x - 0.39) <= 0.065 || Math.abs(x - 0.61) <= 0.065);
}

function exclamation(x, y) {
  return (y >= 0.2 && y <= 0.56 && Math.abs(x - 0.5) <= 0.075) || (x - 0.5) ** 2 + (y - 0.7) ** 2 <= 0.08 ** 2;
}

/** RGBA pixels of one icon. */
function draw(size, { fill, edge, mark }) {
  const rgba = Buffer.alloc(size * size * 4);
  const SS = 4;
  const edgeWidth = Math.max(0.035, 1.2 / size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let c;
          if (!shieldInset(x, y, 0)) continue;
          else if (!shieldInset(x, y, edgeWidth)) c = edge;
          else if (mark(x, y)) c = [255, 255, 255];
          else c = fill;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((255 * a) / (SS * SS));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../public/icon/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [prefix, state] of Object.entries(STATES)) {
  for (const size of SIZES) writeFileSync(new URL(`${prefix}${size}.png`, dir), png(size, draw(size, state)));
}
console.log(`icons written to ${dir.pathname}`);
