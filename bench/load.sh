#!/usr/bin/env bash
# The AuthPlane load benchmark: builds the load-bench app in Release and runs it.
# Usage: bench/load.sh [--quick | --full] [options]   (bench/load.sh --help lists them)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed: on Debian or Ubuntu run 'sudo apt-get install -y wrk', then run this again." >&2
  exit 2
fi
export MSBUILDDISABLENODEREUSE=1
dotnet build bench/AuthPlane.Sdk.LoadBench -c Release --nologo -v quiet -clp:ErrorsOnly >&2
exec bench/AuthPlane.Sdk.LoadBench/bin/Release/net10.0/AuthPlane.Sdk.LoadBench "$@"
