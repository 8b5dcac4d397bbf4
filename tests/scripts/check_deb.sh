#!/usr/bin/env bash
# The Debian package as a user gets it: `cpack -G DEB` in the build directory, then the package's fields,
# files and validators, and its extracted programs run from the extracted tree (the RPATH's torch stub and
# the resources under share/ are the package's own, not the build's).
#   usage: check_deb.sh BUILD_DIR
set -euo pipefail
build="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "check_deb: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb="$(ls "$work"/pkg/world4rl-studio_*_amd64.deb 2>/dev/null | head -n 1)"
[[ -n "$deb" ]] || fail "cpack wrote no world4rl-studio_*_amd64.deb"
[[ "$(dpkg-deb -f "$deb" Package)" == world4rl-studio ]] || fail "the package is not named world4rl-studio"
depends="$(dpkg-deb -f "$deb" Depends)"
for lib in libtorch1.13 libqt6widgets6 libmujoco libhdf5 libvtk9 libqcustomplot2.1-qt6 qt6-qpa-plugins; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
# The stand-in for libopencv_highgui ships inside the package; the real one (which pulls in Qt 5) is no dependency.
[[ "$depends" != *highgui* ]] || fail "Depends names opencv highgui: $depends"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/world4rl usr/bin/world4rl-studio usr/lib/world4rl/libopencv_highgui.so.406 \
         usr/share/applications/io.github.world4rl.Studio.desktop \
         usr/share/metainfo/io.github.world4rl.Studio.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.world4rl.Studio.svg \
         usr/share/world4rl/resources/tasks/common/scene.xml usr/share/world4rl/resources/models/manifest.json \
         usr/share/doc/world4rl-studio/LICENSE; do
  [[ -e "$root/$f" ]] || fail "the package has no /$f"
done
desktop-file-validate "$root/usr/share/applications/io.github.world4rl.Studio.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.world4rl.Studio.metainfo.xml" >/dev/null
# The desktop file offers the studio for what Debian's shared-mime-info calls HDF5 files.
mime="$(sed -n 's/^MimeType=//p' "$root/usr/share/applications/io.github.world4rl.Studio.desktop")"
[[ "$mime" == "application/x-hdf;" ]] || fail "MimeType is '$mime'"
grep -q '<mime-type type="application/x-hdf">' /usr/share/mime/packages/freedesktop.org.xml ||
  fail "shared-mime-info has no application/x-hdf"

# The extracted programs run from the extracted tree.
env -u WORLD4RL_RESOURCES "$root/usr/bin/world4rl" tasks --seeds 1 --json >"$work/tasks.json"
count="$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/tasks.json")"
[[ "$count" == 7 ]] || fail "the installed world4rl lists $count tasks"
version="$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/world4rl-studio" --version 2>/dev/null)"
[[ "$version" == "World4RL Studio "* ]] || fail "the installed studio printed '$version' for --version"
# Started without arguments it opens on the demo and keeps running until closed: still up after 10 s.
rc=0
QT_QPA_PLATFORM=offscreen HOME="$work" XDG_RUNTIME_DIR="$work" timeout 10 "$root/usr/bin/world4rl-studio" \
  >"$work/studio.log" 2>&1 || rc=$?
[[ $rc -eq 124 ]] || { cat "$work/studio.log" >&2; fail "the installed studio exited with $rc within 10 s"; }
echo "check_deb: $(basename "$deb"), $(du -k "$deb" | cut -f1) KB, $(dpkg-deb -c "$deb" | wc -l) entries: ok"
