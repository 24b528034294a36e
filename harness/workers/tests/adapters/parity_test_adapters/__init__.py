"""Adapters for the worker pool's tests: each input's "action" says what run() does (see behaviours)."""
