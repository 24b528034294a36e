"""Handler adapters with known behaviour, profiled by tests/test_profiling*.py."""
