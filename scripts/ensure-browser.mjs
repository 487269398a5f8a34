// The end-to-end tests drive Debian's Chromium (never a downloaded browser) and draw Khmer text;
// the video upload tool and its tests decode and encode with Debian's ffmpeg.
// When either is missing and this user may install system packages, install them; otherwise say
// how. On a laptop without root the end-to-end tests are then reported as skipped; under CI
// (CI=true) a failed install stops the run here with the reason, so the suites never skip silently.
import { execSync } from 'node:child_process';
import { E2E_PACKAGES, findChromium, findFfmpeg, findOnPath, hasKhmerFont } from './lib/system-tools.mjs';

const missing = () => {
  const [browser, font, video] = E2E_PACKAGES;
  return [...(findChromium() === undefined ? [browser] : []), ...(hasKhmerFont() ? [] : [font]), ...(findFfmpeg() === undefined ? [video] : [])];
};
const ci = process.env.CI === 'true';
let need = missing();
if (need.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && findOnPath('apt-get') !== undefined) {
    console.log(`need2know: installing ${need.join(' and ')} for the end-to-end tests (apt-get)…`);
    try {
      execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need.join(' ')} >/dev/null`, {
        stdio: 'inherit',
        shell: '/bin/bash',
      });
    } catch (err) {
      console.warn(`need2know: apt-get could not install ${need.join(' and ')}: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
    }
    need = missing();
  }
  if (need.length > 0) {
    if (ci) {
      console.error(
        `need2know: CI needs ${need.join(' and ')} for the end-to-end tests and they are not installed (apt-get install ${need.join(' ')}). Stopping instead of skipping those suites.`,
      );
      process.exit(1);
    }
    console.warn(`need2know: ${need.join(' and ')} missing (sudo apt-get install ${need.join(' ')}); the end-to-end tests that need them will be skipped.`);
  }
}
