#!/usr/bin/env node
/**
 * Draws the Parley icon (two overlapping speech bubbles on a rounded teal square) and writes
 * every format the installers need, with no tool beyond Node:
 *   resources/icons/<N>x<N>.png  (16…1024, Linux hicolor sizes; electron-builder's linux.icon)
 *   resources/icon.png           (1024, the source for anything else)
 *   resources/icon.ico           (Windows: PNG-compressed entries 16…256)
 *   resources/icon.icns          (macOS: PNG entries icp4…ic10)
 * Run: node resources/generate-icons.mjs   (output is committed; rerun only to change the art)
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// --- PNG encoding -------------------------------------------------------------------------------
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
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
/** RGBA pixels (Uint8Array, size*size*4) → PNG file bytes. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- Drawing (signed distance fields, supersampled) ---------------------------------------------
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const triangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return (d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0) ? 1 : -1;
};
/** Colour of the unit-square point (x, y) in [0,1]², as [r,g,b,a] with a in 0..1. */
function shade(x, y) {
  if (roundedBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.2) > 0) return [0, 0, 0, 0];
  // Background: teal → blue diagonal gradient.
  const t = (x + y) / 2;
  let c = [20 + 10 * t, 150 - 60 * t, 170 + 40 * t, 1];
  // Back bubble (lighter, upper right) with its tail.
  const back =
    roundedBox(x, y, 0.6, 0.4, 0.24, 0.17, 0.1) <= 0 ||
    triangle(x, y, [0.7, 0.55], [0.8, 0.55], [0.8, 0.66]) < 0;
  if (back) c = [180, 230, 235, 1];
  // Front bubble (white, lower left) with an outline gap so the two read apart.
  const front = roundedBox(x, y, 0.4, 0.6, 0.25, 0.17, 0.1);
  const frontTail = triangle(x, y, [0.25, 0.74], [0.35, 0.74], [0.22, 0.85]) < 0;
  if (front <= 0.025 && back) c = [20 + 10 * t, 150 - 60 * t, 170 + 40 * t, 1];
  if (front <= 0 || frontTail) c = [255, 255, 255, 1];
  // Three dots in the front bubble.
  for (const dx of [0.3, 0.4, 0.5]) if (Math.hypot(x - dx, y - 0.6) < 0.032) c = [30, 110, 160, 1];
  return c;
}
export function render(size) {
  const ss = size <= 64 ? 6 : size <= 256 ? 4 : 2;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [cr, cg, cb, ca] = shade(
            (x + (sx + 0.5) / ss) / size,
            (y + (sy + 0.5) / ss) / size,
          );
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (y * size + x) * 4;
      const n = ss * ss;
      px[i] = a ? Math.round(r / a) : 0;
      px[i + 1] = a ? Math.round(g / a) : 0;
      px[i + 2] = a ? Math.round(b / a) : 0;
      px[i + 3] = Math.round((a / n) * 255);
    }
  }
  return encodePng(size, px);
}

// --- Containers ---------------------------------------------------------------------------------
/** Windows .ico holding PNG images (supported since Vista). */
export function encodeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}
/** macOS .icns with PNG entries. */
export function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
  const png = new Map(sizes.map((s) => [s, render(s)]));
  mkdirSync(join(here, 'icons'), { recursive: true });
  for (const [s, data] of png) writeFileSync(join(here, 'icons', `${s}x${s}.png`), data);
  writeFileSync(join(here, 'icon.png'), png.get(1024));
  writeFileSync(
    join(here, 'icon.ico'),
    encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: png.get(size) }))),
  );
  writeFileSync(
    join(here, 'icon.icns'),
    encodeIcns([
      { type: 'icp4', png: png.get(16) },
      { type: 'icp5', png: png.get(32) },
      { type: 'icp6', png: png.get(64) },
      { type: 'ic07', png: png.get(128) },
      { type: 'ic08', png: png.get(256) },
      { type: 'ic09', png: png.get(512) },
      { type: 'ic10', png: png.get(1024) },
      { type: 'ic11', png: png.get(32) },
      { type: 'ic12', png: png.get(64) },
      { type: 'ic13', png: png.get(256) },
      { type: 'ic14', png: png.get(512) },
    ]),
  );
  console.log(`wrote ${sizes.length} PNGs, icon.png, icon.ico, icon.icns to ${here}`);
}
