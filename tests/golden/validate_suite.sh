#!/usr/bin/env bash
# usage: validate_suite.sh TIGRIS SUITE.xml MIN_PASSED [VALIDATE OPTIONS...]
# Runs `tigris validate [OPTIONS] SUITE.xml` on a suite from ../shared and fails
# when fewer than MIN_PASSED records pass (or when the suite cannot be run at all).
set -uo pipefail
tigris=$1 suite=$2 min=$3
shift 3
if [ ! -f "$suite" ]; then
  echo "SKIP: $suite not found (validation suites live in ../shared/data)"
  exit 77
fi
out=$("$tigris" validate "$@" "$suite")
status=$?
echo "$out" | tail -n 20
last=$(echo "$out" | tail -n 1)
passed=$(echo "$last" | sed -n 's/^passed \([0-9]*\) of \([0-9]*\) records$/\1/p')
if [ -z "$passed" ] || [ "$status" -eq 1 ]; then
  echo "validate did not finish: $last"
  exit 1
fi
if [ "$passed" -lt "$min" ]; then
  echo "regression: $passed records passed, expected at least $min"
  exit 1
fi
