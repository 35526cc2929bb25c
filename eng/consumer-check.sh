#!/usr/bin/env bash
echo "consumer check: TODO"
