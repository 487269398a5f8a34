/**
 * Synthetic pictures for the demo: flat cartoon portraits and evidence scenes made of a handful of
 * coloured shapes. Nobody could mistake them for photographs of real people, which is the point;
 * they still have the edges and features (eyes, mouth, outlines) a blur has to remove.
 */
import type { Rng } from '../lib/prng.js';
import { Canvas, type Rgb } from './canvas.js';

/** Size of a portrait (identity photo), in pixels. */
export const PORTRAIT_SIZE = 96;
/** Size of an evidence photo, in pixels. */
export const SCENE_WIDTH = 128;
export const SCENE_HEIGHT = 96;

const BACKGROUNDS: readonly Rgb[] = [
  [200, 215, 235],
  [225, 225, 210],
  [205, 230, 215],
  [235, 215, 215],
];
const SKIN: readonly Rgb[] = [
  [241, 194, 160],
  [224, 172, 130],
  [198, 140, 100],
  [160, 110, 75],
  [120, 80, 55],
];
const HAIR: readonly Rgb[] = [
  [25, 20, 20],
  [60, 40, 30],
  [90, 70, 50],
  [140, 140, 140],
];
const CLOTHES: readonly Rgb[] = [
  [40, 70, 140],
  [150, 40, 40],
  [50, 110, 70],
  [230, 230, 230],
  [70, 70, 70],
];
const DARK: Rgb = [30, 25, 25];
const LIPS: Rgb = [170, 70, 70];

/** A synthetic identity photo: head, hair, eyes, brows, mouth and shoulders on a plain background. */
export function portraitPixels(rng: Rng): Canvas {
  const s = PORTRAIT_SIZE;
  const c = new Canvas(s, s, rng.pick(BACKGROUNDS));
  const skin = rng.pick(SKIN);
  const cx = s / 2 + rng.between(-4, 4);
  const cy = s * 0.45 + rng.between(-3, 3);
  const rx = rng.between(20, 26);
  const ry = rng.between(26, 32);
  c.ellipse(s / 2, s + 10, s * 0.48, 36, rng.pick(CLOTHES)); // shoulders
  c.rect(cx - 8, cy + ry - 8, 16, 18, skin); // neck
  c.ellipse(cx, cy - ry * 0.35, rx + 3, ry * 0.8, rng.pick(HAIR), -Infinity); // hair behind
  c.ellipse(cx, cy, rx, ry, skin); // face
  c.ellipse(cx, cy - ry * 0.55, rx, ry * 0.5, rng.pick(HAIR), -Infinity); // fringe
  c.ellipse(cx, cy, rx, ry * 0.9, skin, cy - ry * 0.45); // face below the fringe
  const eyeY = cy - rng.between(2, 6);
  const eyeDx = rng.between(8, 11);
  for (const side of [-1, 1]) {
    c.ellipse(cx + side * eyeDx, eyeY, 3, 2, DARK);
    c.rect(cx + side * eyeDx - 5, eyeY - 7, 10, 2, DARK); // brow
  }
  c.rect(cx - 2, cy + 2, 3, 6, [skin[0] - 30, skin[1] - 30, skin[2] - 30]); // nose
  c.ellipse(cx, cy + ry * 0.5, rng.between(6, 9), 2, LIPS);
  return c;
}

const OBJECTS: readonly Rgb[] = [
  [200, 160, 40],
  [60, 60, 60],
  [180, 30, 30],
  [30, 90, 160],
  [240, 240, 240],
];

/** A synthetic evidence photo: a room (wall, floor, table with objects), sometimes with figures. */
export function scenePixels(rng: Rng, figures: number): Canvas {
  const c = new Canvas(SCENE_WIDTH, SCENE_HEIGHT, rng.pick(BACKGROUNDS));
  const floor = rng.between(55, 70);
  c.rect(0, floor, SCENE_WIDTH, SCENE_HEIGHT - floor, [150 + rng.int(40), 120 + rng.int(30), 90]);
  const tx = rng.between(10, 60);
  c.rect(tx, floor - 18, 50, 6, [110, 80, 50]); // table top
  c.rect(tx + 4, floor - 12, 4, 16, [90, 60, 40]);
  c.rect(tx + 42, floor - 12, 4, 16, [90, 60, 40]);
  for (let i = 0; i < rng.between(2, 4); i++) {
    const ox = tx + 4 + rng.int(40);
    if (rng.chance(0.5)) c.ellipse(ox, floor - 22, 3 + rng.int(3), 3 + rng.int(3), rng.pick(OBJECTS));
    else c.rect(ox, floor - 26, 4 + rng.int(6), 8, rng.pick(OBJECTS));
  }
  for (let f = 0; f < figures; f++) {
    const fx = 12 + ((f * 47 + rng.int(30)) % (SCENE_WIDTH - 24));
    const skin = rng.pick(SKIN);
    c.rect(fx - 7, floor - 30, 14, 26, rng.pick(CLOTHES)); // body
    c.rect(fx - 6, floor - 4, 5, 14, DARK); // legs
    c.rect(fx + 1, floor - 4, 5, 14, DARK);
    c.ellipse(fx, floor - 38, 7, 8, skin); // head
    c.ellipse(fx, floor - 43, 7, 4, rng.pick(HAIR)); // hair
    c.pixel(fx - 3, floor - 38, DARK);
    c.pixel(fx + 3, floor - 38, DARK);
  }
  return c;
}
