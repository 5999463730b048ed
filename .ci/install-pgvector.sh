#!/usr/bin/env bash
# Builds pgvector for the local PostgreSQL from Debian trixie's source package, because
# bookworm ships no pgvector binary. Idempotent: does nothing when vector.control exists.
set -euo pipefail
PG_MAJOR=${PG_MAJOR:-$(ls /etc/postgresql | sort -n | tail -1)}
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
if [ -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; then
  echo "pgvector already installed for PostgreSQL $PG_MAJOR"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "postgresql-server-dev-$PG_MAJOR" dpkg-dev build-essential >/dev/null
# A separate apt config keeps the trixie source line away from the system's sources.
APTDIR=$(mktemp -d)
mkdir -p "$APTDIR/sources.list.d" "$APTDIR/lists/partial"
echo "deb-src http://deb.debian.org/debian trixie main" > "$APTDIR/sources.list"
APT_OPTS=(-o "Dir::Etc::sourcelist=$APTDIR/sources.list" -o "Dir::Etc::sourceparts=$APTDIR/sources.list.d" -o "Dir::State::Lists=$APTDIR/lists")
apt-get "${APT_OPTS[@]}" update -qq
BUILD=$(mktemp -d)
cd "$BUILD"
apt-get "${APT_OPTS[@]}" source --download-only pgvector
dpkg-source -x pgvector_*.dsc src >/dev/null
cd src
# OPTFLAGS="" avoids -march=native so the build runs on any x86-64 machine.
make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
make -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install
echo "pgvector built and installed for PostgreSQL $PG_MAJOR"
