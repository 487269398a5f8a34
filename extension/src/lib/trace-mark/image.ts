/**
 * The image trace mark: a tile of 11 × 9 cells, each 8 px, where marked cells are black at alpha
 * 2/255, repeated over the whole viewer by a fixed overlay. On white that darkens a marked pixel from
 * 255 to 253, which nobody sees, yet a lossless screenshot of the viewer — or a crop of a few tiles —
 * names the view it was taken from. Layout of the cells: `image-layout.ts`.
 *
 * What survives what is measured in extension/TRACE-MARKS.md: lossless screenshots and their crops
 * do, and whole screenshots saved as JPEG down to about quality 75; JPEG-compressed crops, scaling
 * and photographs of a screen do not, which is what the visible watermark is for.
 */
import { brightness, cellSteps, cellValues, foldRepetitions, gridPhases, levelsFromSteps } from './image-fold.js';
import { DATA_CELLS, SYNC_CELLS, TILE_COLS, TILE_ROWS, tileBits, viewIdFromDataBits } from './image-layout.js';

/** Side of a cell in tile pixels: big enough to average away noise, small enough for a dense tile. */
export const MARK_CELL_PX = 8;

/** Tile width in pixels (11 cells). */
export const MARK_TILE_WIDTH = TILE_COLS * MARK_CELL_PX;

/** Tile height in pixels (9 cells). */
export const MARK_TILE_HEIGHT = TILE_ROWS * MARK_CELL_PX;

/**
 * Opacity of a marked cell, out of 255: black at 2/255 moves a channel by at most 2 levels (from
 * 255 to 253 on white, by 1 on mid-grey, not at all on near-black), below what a reader notices.
 */
export const MARK_ALPHA = 2;

/**
 * Device-pixel scales the decoder tries by default: the tile drawn one tile pixel per screen pixel,
 * and doubled (a 2× display showing the tile at its CSS size).
 */
export const MARK_DECODE_SCALES: readonly number[] = [1, 2];

/**
 * The smallest difference, in R+G+B levels, between the sync cells' marked and unmarked means that
 * counts as a mark at all. A white area shows 6; an unmarked screenshot shows about 0.
 */
const MIN_CONTRAST = 1;

/** An RGBA image (the layout of `ImageData`). */
export interface MarkTile {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/**
 * The tile for view `viewId`: `MARK_TILE_WIDTH` × `MARK_TILE_HEIGHT` RGBA pixels, black at
 * `MARK_ALPHA` in marked cells and transparent elsewhere. Draw it into a canvas (`new ImageData(rgba,
 * width, height)`), take its PNG data URL, and use that as the repeating background of a fixed,
 * full-viewport, `pointer-events: none` overlay above the record, sized with `markTileCssSize` so
 * one tile pixel is one device pixel. Throws `TypeError` for a malformed view id.
 */
export function imageMarkTile(viewId: string): MarkTile {
  const bits = tileBits(viewId);
  const rgba = new Uint8ClampedArray(MARK_TILE_WIDTH * MARK_TILE_HEIGHT * 4);
  for (let y = 0; y < MARK_TILE_HEIGHT; y++) {
    for (let x = 0; x < MARK_TILE_WIDTH; x++) {
      if (bits[Math.floor(y / MARK_CELL_PX) * TILE_COLS + Math.floor(x / MARK_CELL_PX)] === 1) rgba[(y * MARK_TILE_WIDTH + x) * 4 + 3] = MARK_ALPHA;
    }
  }
  return { width: MARK_TILE_WIDTH, height: MARK_TILE_HEIGHT, rgba };
}

/**
 * The CSS size at which to draw the tile so that each tile pixel is one device pixel, which is what
 * lets a screenshot be read at any display scale (125 %, 150 %, browser zoom): drawn at its CSS
 * width instead, a fractional scale resamples the cells and the mark no longer decodes. Redraw when
 * `devicePixelRatio` changes, and set `image-rendering: pixelated` on the overlay.
 *
 * @example const { width, height } = markTileCssSize(window.devicePixelRatio) // background-size
 */
export function markTileCssSize(devicePixelRatio: number): { width: number; height: number } {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  return { width: MARK_TILE_WIDTH / ratio, height: MARK_TILE_HEIGHT / ratio };
}

/** Options for `decodeImageMark`. */
export interface DecodeImageOptions {
  /** Integer device-pixel scales to try, in order (default `MARK_DECODE_SCALES`). */
  readonly scales?: readonly number[];
}

/**
 * The view id marked on a screenshot, or null when none can be read. `rgba` is the screenshot's
 * pixels (`width` × `height`, 4 bytes each, alpha ignored): the whole viewer or any crop of it.
 * Three tiles or more each way (264 × 216 px) is what it needs over typical content; less than a
 * tile and a cell is never tried. The screenshot may start anywhere in the tile.
 *
 * How (each step in `image-fold.ts`; the whole in extension/TRACE-MARKS.md): for each scale, take
 * the brightness steps from each pixel to the one a cell before it, fold them onto one tile period
 * with a robust mean across repetitions (text and pictures differ between repetitions, the mark does
 * not), find the cell grid, solve for cell levels from the folded steps, then try every cyclic
 * position of the tile: the 19 sync cells must all fall on their side of the threshold they
 * themselves set (the midpoint between marked and unmarked sync means, so it adapts to the
 * background), and the 80 data bits must carry a matching CRC-16. Unmarked or damaged images return
 * null; the sync and CRC checks make a wrong id a vanishingly rare outcome rather than a plausible
 * one.
 */
export function decodeImageMark(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, options: DecodeImageOptions = {}): string | null {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 0 || height < 0 || rgba.length !== width * height * 4) {
    throw new TypeError('rgba must hold width × height × 4 bytes');
  }
  const lum = brightness(rgba, width, height);
  for (const scale of options.scales ?? MARK_DECODE_SCALES) {
    if (!Number.isInteger(scale) || scale < 1) throw new TypeError('scales must be positive integers');
    const periodX = MARK_TILE_WIDTH * scale;
    const periodY = MARK_TILE_HEIGHT * scale;
    const cell = MARK_CELL_PX * scale;
    if (width < periodX + cell || height < periodY + cell) continue;
    const foldX = foldRepetitions(cellSteps(lum, width, height, cell, 'x'), width, height, periodX, periodY, cell, 0);
    const foldY = foldRepetitions(cellSteps(lum, width, height, cell, 'y'), width, height, periodX, periodY, 0, cell);
    const phases = gridPhases([foldX, foldY], periodX, periodY, cell);
    const grid = { cols: TILE_COLS, rows: TILE_ROWS, cell, margin: scale };
    // The best two phases per axis: a screenshot resampled by the browser can blur the true one.
    for (const phaseY of phases.y.slice(0, 2)) {
      for (const phaseX of phases.x.slice(0, 2)) {
        const stepX = cellValues(foldX, periodX, periodY, grid, phaseX, phaseY);
        const stepY = cellValues(foldY, periodX, periodY, grid, phaseX, phaseY);
        const found = readTile(levelsFromSteps(stepX, stepY, TILE_COLS, TILE_ROWS));
        if (found !== null) return found;
      }
    }
  }
  return null;
}

/** Tries every cyclic position of the tile over measured cell levels, most sync contrast first. */
function readTile(levels: Float64Array): string | null {
  const level = (col: number, row: number, shiftX: number, shiftY: number) =>
    levels[((row + shiftY) % TILE_ROWS) * TILE_COLS + ((col + shiftX) % TILE_COLS)] as number;
  const candidates: { shiftX: number; shiftY: number; dark: number; light: number }[] = [];
  for (let shiftY = 0; shiftY < TILE_ROWS; shiftY++) {
    for (let shiftX = 0; shiftX < TILE_COLS; shiftX++) {
      let dark = 0;
      let light = 0;
      let darkCount = 0;
      for (const { col, row, bit } of SYNC_CELLS) {
        const v = level(col, row, shiftX, shiftY);
        if (bit === 1) {
          dark += v;
          darkCount++;
        } else light += v;
      }
      dark /= darkCount;
      light /= SYNC_CELLS.length - darkCount;
      if (light - dark >= MIN_CONTRAST) candidates.push({ shiftX, shiftY, dark, light });
    }
  }
  candidates.sort((a, b) => b.light - b.dark - (a.light - a.dark));
  for (const { shiftX, shiftY, dark, light } of candidates) {
    const threshold = (dark + light) / 2;
    const syncHolds = SYNC_CELLS.every(({ col, row, bit }) => (level(col, row, shiftX, shiftY) < threshold ? 1 : 0) === bit);
    if (!syncHolds) continue;
    const bits = DATA_CELLS.map(({ col, row }) => (level(col, row, shiftX, shiftY) < threshold ? 1 : 0) as 0 | 1);
    const id = viewIdFromDataBits(bits);
    if (id !== null) return id;
  }
  return null;
}
