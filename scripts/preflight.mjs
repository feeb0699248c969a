// Checks prerequisites before the system starts or the tests run, so a missing one gets one clear
// sentence instead of a stack trace. Written to run on old Node versions too.
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `This project needs Node.js 22.12 or newer (24 recommended), but this is Node ${process.versions.node}: ` +
      'install Node 24 (for example with `nvm install 24`, which reads .nvmrc) and run the command again.',
  );
  process.exit(1);
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(
      `The browser tests need Chromium at ${chromium}, which is missing: install it with ` +
        '`sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary) and run the tests again.',
    );
    process.exit(1);
  }
}
