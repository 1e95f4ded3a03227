#!/usr/bin/env bash
# Makes sure a Chromium exists for the end-to-end tests: Playwright's own, or the system's.
# As root on Debian/Ubuntu it installs the distribution's package; elsewhere Playwright's download.
set -euo pipefail
cd "$(dirname "$0")/.."

has_playwright_chromium() {
  node -e 'const fs=require("fs");const {chromium}=require("@playwright/test");process.exit(fs.existsSync(chromium.executablePath())?0:1)' 2>/dev/null
}

for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -x "$candidate" ]; then echo "Chromium found: $candidate"; exit 0; fi
done
if has_playwright_chromium; then echo "Playwright's Chromium is installed."; exit 0; fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium…"
  # Another apt (unattended-upgrades, a provisioning script) may hold the lock: wait for it.
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null
  echo "Chromium installed: $(command -v chromium)"
else
  npx playwright install chromium
fi
