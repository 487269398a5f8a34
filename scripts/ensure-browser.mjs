// The end-to-end tests drive Debian's Chromium (never a downloaded browser). When it is missing and
// this user may install system packages, install it with a Khmer font; otherwise say how, and the
// end-to-end tests are reported as skipped rather than failing for want of a browser.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.N2K_CHROMIUM ?? '/usr/bin/chromium';
const hasKhmerFont = () => {
  try {
    return /khmer/i.test(execSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
};
const need = [...(existsSync(chromium) ? [] : ['chromium']), ...(hasKhmerFont() ? [] : ['fonts-khmeros'])];
if (need.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`need2know: installing ${need.join(' and ')} for the end-to-end tests (apt-get)…`);
    try {
      execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need.join(' ')} >/dev/null`, { stdio: 'inherit', shell: '/bin/bash' });
    } catch {
      console.warn('need2know: could not install them; the end-to-end tests that need them will be skipped.');
    }
  } else {
    console.warn(`need2know: ${need.join(' and ')} missing (sudo apt-get install ${need.join(' ')}); the end-to-end tests that need them will be skipped.`);
  }
}
