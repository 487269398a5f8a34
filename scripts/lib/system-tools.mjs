// The system programs the end-to-end tests use, found where Debian's packages put them: on PATH.
// Plain JavaScript, because `npm test` checks for them before any TypeScript tooling runs.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Debian packages the end-to-end tests need: the browser, a font that really draws Khmer, and
 * ffmpeg (with ffprobe), which the data owner's video upload tool and its tests decode and encode with.
 */
export const E2E_PACKAGES = ['chromium', 'fonts-khmeros', 'ffmpeg'];

/** The first executable called `name` on PATH, or undefined. */
export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Chromium to drive: `N2K_CHROMIUM` when set, else Debian's `chromium` on PATH. */
export function findChromium() {
  return process.env.N2K_CHROMIUM ?? findOnPath('chromium');
}

/** Debian's `ffmpeg` and `ffprobe` (`N2K_FFMPEG` / `N2K_FFPROBE` when set), or undefined when either is missing. */
export function findFfmpeg() {
  const ffmpeg = process.env.N2K_FFMPEG ?? findOnPath('ffmpeg');
  const ffprobe = process.env.N2K_FFPROBE ?? findOnPath('ffprobe');
  return ffmpeg === undefined || ffprobe === undefined ? undefined : { ffmpeg, ffprobe };
}

/** Whether fontconfig knows a font for Khmer script. */
export function hasKhmerFont() {
  try {
    return execFileSync('fc-list', [':lang=km', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
  } catch {
    return false;
  }
}
