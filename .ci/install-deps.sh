#!/usr/bin/env bash
# install-deps.sh — the one list of Debian 12 packages redactfs needs to
# build, test and demo. Installs only what is missing (no network use when
# everything is there). Used by examples/demo.sh, tests/run-all.sh and CI.
set -euo pipefail

PACKAGES=(
	gcc libc6-dev pkg-config meson ninja-build   # toolchain (gcc brings libasan/libubsan/libtsan)
	clang libclang-rt-14-dev                     # the fuzz targets: libFuzzer (a Recommends of clang)
	libfuse3-dev fuse3                           # FUSE library + fusermount3
	libpcre2-dev libinih-dev libsodium-dev       # regex engine, INI parser, keyed hashing
	libuchardet-dev                              # legacy encodings (GBK, Big5) told from binary
	python3                                      # mount tests, TAP counting
	tar gzip coreutils findutils grep rsync      # real tools the mount tests use
	samba smbclient                              # the contractors' share, over SMB
	sqlite3                                      # the analysts' join on pseudonyms
	bubblewrap                                   # `redactfs exec`: the sandbox
	scdoc                                        # man pages, built with the binaries
	man-db groff-base                            # the install test renders the man pages
)

missing=()
for p in "${PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-deps: all ${#PACKAGES[@]} packages present"
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null; then
		SUDO=(sudo)
	else
		echo "install-deps: missing packages and not root (no sudo): ${missing[*]}" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
