#!/usr/bin/env python3
# Checks the Flatpak manifest against what the project promises: the GNOME 50
# runtime, libxlsxwriter from its pinned tag with locale-independent numbers, libical,
# libpq from a PostgreSQL release tarball, and no permissions beyond the app's needs
# (files go through the portal, the password to the keyring through the secret portal;
# the network is for a shop on a PostgreSQL server).
import json
import re
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)


expect(manifest.get("id") == "io.github.servicepulse.ServicePulse", "the app id")
expect(manifest.get("runtime") == "org.gnome.Platform", "the org.gnome.Platform runtime")
expect(manifest.get("runtime-version") == "50", "runtime-version 50")
expect(manifest.get("command") == "service-pulse", "the command")

allowed = {"--share=ipc", "--share=network", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri"}
args = set(manifest.get("finish-args", []))
expect(args == allowed, "finish-args exactly %s (has %s)" % (sorted(allowed), sorted(args)))
expect(not any(a.startswith("--filesystem") for a in args), "no file system access")

modules = {m.get("name"): m for m in manifest.get("modules", []) if isinstance(m, dict)}
xlsx = modules.get("libxlsxwriter")
expect(xlsx is not None, "a libxlsxwriter module")
if xlsx:
    source = (xlsx.get("sources") or [{}])[0]
    expect(source.get("type") == "git", "libxlsxwriter from git")
    expect(source.get("url") == "https://github.com/jmcnamara/libxlsxwriter.git",
           "libxlsxwriter's repository")
    expect(source.get("tag") == "v1.2.3", "libxlsxwriter tag v1.2.3")
    expect(source.get("commit") == "051a01a2c31eb55fa467964a2c2328cfb8bcbde8",
           "libxlsxwriter's pinned commit")
    expect(xlsx.get("buildsystem", "").startswith("cmake"), "libxlsxwriter built with cmake")
    expect("-DUSE_DTOA_LIBRARY=ON" in xlsx.get("config-opts", []),
           "libxlsxwriter with -DUSE_DTOA_LIBRARY=ON")

# The GNOME runtime has no libical: the app brings its own, C library only
ical = modules.get("libical")
expect(ical is not None, "a libical module (.ics closed days)")
if ical:
    source = (ical.get("sources") or [{}])[0]
    expect(source.get("type") == "git", "libical from git")
    expect(source.get("url") == "https://github.com/libical/libical.git", "libical's repository")
    expect(source.get("tag") == "v3.0.20", "libical tag v3.0.20")
    expect(source.get("commit") == "57ce34025066935f356fd539e6deb7a7a9952618",
           "libical's pinned commit")
    expect(ical.get("buildsystem", "").startswith("cmake"), "libical built with cmake")
    for opt in ("-DICAL_GLIB=false", "-DGOBJECT_INTROSPECTION=false",
                "-DLIBICAL_BUILD_TESTING=false"):
        expect(opt in ical.get("config-opts", []), "libical with " + opt)

# The GNOME runtime has libsecret but no libpq: the client library alone, from a PostgreSQL 15
# release, with TLS (a server's certificate is checked with sslmode=verify-full)
pg = modules.get("postgresql")
expect(pg is not None, "a postgresql module (libpq, for a shop on a server)")
if pg:
    source = (pg.get("sources") or [{}])[0]
    expect(source.get("type") == "archive", "postgresql from its release tarball")
    expect(re.fullmatch(r"https://ftp\.postgresql\.org/pub/source/v15\.\d+/"
                        r"postgresql-15\.\d+\.tar\.(bz2|gz)", source.get("url", "")) is not None,
           "postgresql's tarball from ftp.postgresql.org, a 15.x release")
    expect(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None,
           "postgresql's tarball pinned by sha256")
    commands = " ".join(pg.get("build-commands", []) + pg.get("config-opts", []))
    for opt in ("--without-readline", "--without-icu", "--with-ssl=openssl"):
        expect(opt in commands, "postgresql configured with " + opt)
    expect("src/interfaces/libpq" in commands, "only libpq built and installed")
    expect("src/backend" not in commands, "no server built")
    names = list(modules)
    expect("service-pulse" in names and names.index("postgresql") < names.index("service-pulse"),
           "postgresql before the app")

app = modules.get("service-pulse")
expect(app is not None and app.get("buildsystem") == "meson", "the app built with meson")
expect(list(modules)[-1:] == ["service-pulse"], "the app as the last module")

if problems:
    for p in problems:
        print("flatpak manifest: expected", p)
    sys.exit(1)
print("flatpak manifest: ok")
