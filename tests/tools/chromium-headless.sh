#!/bin/sh
# Debian's Chromium with the flags a root, offline, GPU-less machine needs (for DAISY Ace).
exec "${CHROMIUM_BIN:-/usr/bin/chromium}" --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage "$@"
