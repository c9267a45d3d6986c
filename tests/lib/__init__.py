"""tests/lib — the helpers every Python test shares: tap.py (TAP output),
values.py (invented values with valid check digits), mount.py (the programs
under test, real mounts). docs/testing.md lists what each gives."""
