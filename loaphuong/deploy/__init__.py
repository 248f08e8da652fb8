"""Serving and publishing the built site: nginx files generated per build, gzip copies, releases.

Plain Python, no MkDocs: hooks/nginx.py calls `csp`, `redirects` and `precompress` after a build;
scripts/deploy.py calls `preview` (make nginx) and `release` (make publish / make rollback).
"""
