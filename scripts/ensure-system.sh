#!/usr/bin/env bash
# Installs what the whole test suite needs on Debian 12 and starts PostgreSQL + PostGIS.
# Idempotent; needs root only when something is missing. Skips the local server when TEST_DATABASE_URL is set.
set -euo pipefail

missing=()
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || missing+=(postgresql-15 postgresql-15-postgis-3)
fi
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Fonts for readable screenshots and axe's contrast checks in headless Chromium.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
# pdftotext/pdfinfo: the quarterly-report test reads the PDF that `lagesbild report` prints.
dpkg -s poppler-utils >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-system: missing Debian packages: ${missing[*]} — run as root or install them." >&2
    exit 1
  fi
  echo "ensure-system: installing ${missing[*]} …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "ensure-system: using TEST_DATABASE_URL"
  exit 0
fi

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx '15 main'; then
  pg_createcluster 15 main >/dev/null
fi
pg_ctlcluster 15 main start 2>/dev/null || true
port=$(pg_lsclusters -h | awk '$1=="15" && $2=="main" {print $3}')
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "ensure-system: PostgreSQL did not start on port $port" >&2; exit 1; }
su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
echo "ensure-system: PostgreSQL 15 + PostGIS ready on 127.0.0.1:$port"
