# Shared by build-aux/run and build-aux/test: install what is missing from
# Debian 12, then configure and build.  Source it; do not run it.
# shellcheck shell=bash

SP_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SP_BUILD=${SP_BUILD:-$SP_TOP/_build}

# What the app needs to build and run (itstool: translating the help)
SP_BUILD_PACKAGES="build-essential meson ninja-build pkg-config gettext libgtk-4-dev
  libadwaita-1-dev libsqlite3-dev libxlsxwriter-dev zlib1g-dev libcairo2-dev libpango1.0-dev
  libglib2.0-dev-bin libical-dev libpq-dev libsecret-1-dev itstool"

# What the tests need besides: a virtual display, validators (the help's too), PDF and image
# tools, fuzzing, and a PostgreSQL server for throwaway clusters (pg_virtualenv)
SP_TEST_PACKAGES="xvfb xauth dbus-x11 desktop-file-utils appstream appstream-util sqlite3
  poppler-utils imagemagick xdotool clang libclang-rt-14-dev valgrind locales unzip yelp-tools
  postgresql postgresql-common gnome-keyring"

sp_say () {
  printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

sp_install_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done

  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    sp_say "Missing packages: ${missing[*]}; install them with your package manager."
    return 1
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      sp_say "Missing packages: ${missing[*]}; run this script as root or install sudo."
      return 1
    fi
  fi

  sp_say "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

sp_build () {
  if [ ! -f "$SP_BUILD/build.ninja" ]; then
    sp_say "Configuring in $SP_BUILD"
    meson setup "$SP_BUILD" "$SP_TOP" "$@"
  fi
  sp_say "Building"
  ninja -C "$SP_BUILD"
}

# Starts Xvfb when there is no display, for as long as the calling script runs
sp_ensure_display () {
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    return 0
  fi

  local fifo dir
  dir=$(mktemp -d)
  fifo=$dir/displayfd
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
  SP_XVFB_PID=$!
  read -r SP_XVFB_DISPLAY <"$fifo"
  rm -rf "$dir"
  export DISPLAY=":$SP_XVFB_DISPLAY"
  trap 'kill "$SP_XVFB_PID" 2>/dev/null' EXIT
  sp_say "No display: started Xvfb on $DISPLAY"
}
