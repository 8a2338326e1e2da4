#!/usr/bin/env bash
# Runs "$@" as if on a machine without any Chromium, to check that the browser
# tests need nothing beyond npm:
#   sudo test/e2e/support/without-system-chromium.sh npx vitest run --project e2e
# In a private mount namespace (Linux, root) the system browsers, the NSS,
# expat, sqlite and fontconfig libraries and every font are covered up for
# this command only; nothing on disk changes and other processes see no
# difference.
set -euo pipefail
exec unshare -m --propagation private bash -c '
set -e
E=$(mktemp -d)
for d in /usr/lib/chromium /usr/share/fonts /usr/local/share/fonts /etc/fonts /usr/share/chromium; do [ -e "$d" ] && mount --bind "$E" "$d"; done
for f in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do [ -e "$f" ] && mount --bind /dev/null "$f"; done
for f in /usr/lib/x86_64-linux-gnu/lib{nss3,nssutil3,nspr4,plc4,plds4,smime3,ssl3,softokn3,freebl3,freeblpriv3,expat,sqlite3,fontconfig,freetype}.so*; do [ -f "$f" ] && mount --bind /dev/null "$f"; done
rc=0; "$@" || rc=$?
rmdir "$E"; exit $rc
' fresh "$@"
